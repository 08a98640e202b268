-- Tenant logs: Auth0's log events (seccft, feccft, limit_wc, sapi, ...), written in batches off the request thread.
-- log_id orders events in time across instances (see log/LogIds); details is the event's JSON object as text, kept
-- small by construction (no token, no secret, bounded request values).
create table tenant_log (
    log_id      varchar(64)              primary key,
    date        timestamp with time zone not null,
    type        varchar(64)              not null,
    description varchar(1000),
    client_id   varchar(255),
    client_name varchar(255),
    ip          varchar(64),
    user_agent  varchar(512),
    hostname    varchar(255),
    audience    varchar(1000),
    scope       varchar(2000),
    details     varchar(32000)
);
create index tenant_log_date on tenant_log (date);
create index tenant_log_type on tenant_log (type, log_id);
create index tenant_log_client on tenant_log (client_id, log_id);
