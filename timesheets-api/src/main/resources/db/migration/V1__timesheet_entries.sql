-- Portable SQL: runs unchanged on H2 (the embedded default) and PostgreSQL (the production database).

CREATE TABLE timesheet_entry (
    id           UUID                     NOT NULL PRIMARY KEY,
    org_id       VARCHAR(128),
    employee_id  VARCHAR(64)              NOT NULL,
    work_date    DATE                     NOT NULL,
    project      VARCHAR(128)             NOT NULL,
    hours        NUMERIC(4, 2)            NOT NULL CONSTRAINT timesheet_entry_hours CHECK (hours > 0 AND hours <= 24),
    notes        VARCHAR(1000),
    approved     BOOLEAN                  NOT NULL,
    approved_by  VARCHAR(255),
    approved_at  TIMESTAMP WITH TIME ZONE,
    submitted_by VARCHAR(255)             NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every query is confined to one organization; lists filter by date range and employee.
CREATE INDEX timesheet_entry_org_date ON timesheet_entry (org_id, work_date);
CREATE INDEX timesheet_entry_org_employee ON timesheet_entry (org_id, employee_id, work_date);

-- One row per idempotency key. The primary key is what makes a retried create happen once, across restarts and
-- across instances. tenant is the organization id, or '' for tokens without one (a NULL would let duplicates
-- through: NULLs are distinct in a unique constraint). No foreign key: the key outlives a deleted entry, so a late
-- retry does not bring a deleted entry back.
CREATE TABLE idempotency_key (
    client_id       VARCHAR(255)             NOT NULL,
    tenant          VARCHAR(128)             NOT NULL,
    idempotency_key VARCHAR(255)             NOT NULL,
    fingerprint     CHAR(64)                 NOT NULL,
    entry_id        UUID                     NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT idempotency_key_pk PRIMARY KEY (client_id, tenant, idempotency_key)
);
