-- APIs (resource servers): the audience a token is issued for, and the scopes it defines.
create table resource_server (
    identifier             varchar(255) primary key,
    name                   varchar(255) not null,
    token_lifetime_seconds integer      not null default 86400,
    created_at             timestamp    not null default current_timestamp
);

create table resource_server_scope (
    resource_server varchar(255)  not null references resource_server (identifier) on delete cascade,
    scope           varchar(255)  not null,
    description     varchar(1000) not null default '',
    position        integer       not null,
    primary key (resource_server, scope)
);

-- Machine-to-machine applications.
create table client (
    client_id            varchar(128) primary key,
    name                 varchar(255) not null,
    -- space-separated OAuth 2.0 values, e.g. 'client_credentials'
    grant_types          varchar(1000) not null,
    -- space-separated, e.g. 'client_secret_basic client_secret_post'
    auth_methods         varchar(1000) not null,
    default_audience     varchar(255),
    default_organization varchar(64),
    created_at           timestamp     not null default current_timestamp
);

-- Several secrets per client, so that a secret can be rotated without a failed call.
-- Only a keyed hash is stored; see ClientSecretHasher.
create table client_secret (
    id          varchar(36)  primary key,
    client_id   varchar(128) not null references client (client_id) on delete cascade,
    secret_hash varchar(255) not null,
    created_at  timestamp    not null default current_timestamp,
    expires_at  timestamp
);
create index client_secret_client on client_secret (client_id);

create table organization (
    id           varchar(64)  primary key,
    name         varchar(255) not null unique,
    display_name varchar(255)
);

-- Client grant: which scopes a client may get for one API (the ceiling), and whether it may act for organizations.
create table client_grant (
    id                     varchar(36)   primary key,
    client_id              varchar(128)  not null references client (client_id) on delete cascade,
    audience               varchar(255)  not null references resource_server (identifier) on delete cascade,
    scope                  varchar(4000) not null default '',
    organization_usage     varchar(8)    not null default 'deny',
    allow_any_organization boolean       not null default false,
    constraint client_grant_unique unique (client_id, audience),
    constraint client_grant_organization_usage check (organization_usage in ('deny', 'allow', 'require'))
);

-- Organizations a client grant may be used for (Auth0's "organization client grants").
create table organization_client_grant (
    organization_id varchar(64) not null references organization (id) on delete cascade,
    client_grant_id varchar(36) not null references client_grant (id) on delete cascade,
    primary key (organization_id, client_grant_id)
);
