-- Durable delivery progress: how far each inbox file (identified by the SHA-256 of its content) has been
-- acknowledged by the Timesheets API, so that a run killed mid-file resumes after the last acknowledged chunk.
-- Portable SQL: the same migration runs on H2 (embedded default) and PostgreSQL.
CREATE TABLE delivery_progress (
    content_hash           VARCHAR(64)  NOT NULL PRIMARY KEY,
    file_name              VARCHAR(512) NOT NULL,
    delivered_through_line INTEGER      NOT NULL,
    entries_created        INTEGER      NOT NULL,
    entries_duplicate      INTEGER      NOT NULL,
    started_at             TIMESTAMP    NOT NULL,
    updated_at             TIMESTAMP    NOT NULL,
    completed_at           TIMESTAMP
);

-- Entries the API refused, kept until the file's report is written, so that a resumed run still reports them.
CREATE TABLE rejected_entry (
    content_hash VARCHAR(64)   NOT NULL,
    line_number  INTEGER       NOT NULL,
    reason       VARCHAR(2000) NOT NULL,
    PRIMARY KEY (content_hash, line_number)
);
