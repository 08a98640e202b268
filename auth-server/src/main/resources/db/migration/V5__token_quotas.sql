-- Auth0's fine-grained M2M token quotas: the configured limits (token_quota, Auth0's `token_quota.client_credentials`
-- of a client or an organization) and the tokens counted per UTC hour and day (token_quota_usage), shared by every
-- instance of the server that uses this database.

-- One row per client or organization that has its own quota; the others follow the tenant defaults
-- (auth-server.token-quotas.defaults). Exactly one of client_id and organization_id is set.
create table token_quota (
    client_id       varchar(128) unique references client (client_id) on delete cascade,
    organization_id varchar(64)  unique references organization (id) on delete cascade,
    enforce         boolean      not null default true,
    per_hour        integer,
    per_day         integer,
    constraint token_quota_one_owner check ((client_id is null and organization_id is not null)
                                            or (client_id is not null and organization_id is null)),
    constraint token_quota_per_hour check (per_hour is null or per_hour > 0),
    constraint token_quota_per_day check (per_day is null or per_day > 0)
);

-- Tokens counted in one window: subject is 'client:<client_id>' or 'organization:<id>', bucket 'per_hour' or
-- 'per_day', window_start the UTC hour or day the window began, in epoch seconds (no time zone to disagree on).
-- Instances reserve units in batches (see quota/TokenQuotaCounter), so `used` counts units handed to instances,
-- issued or about to be.
create table token_quota_usage (
    subject      varchar(200) not null,
    bucket       varchar(8)   not null,
    window_start bigint       not null,
    used         bigint       not null,
    primary key (subject, bucket, window_start)
);
