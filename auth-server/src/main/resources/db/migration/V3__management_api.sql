-- The management API (/api/v2) edits clients in Auth0's shape: a description, an application type, and
-- client_metadata (a JSON object of at most 10 string values, bounded by the API). The Actions work (issue 19) reads
-- client_metadata too, with exactly this definition.
alter table client add column client_metadata varchar(4000);
alter table client add column description varchar(140);
alter table client add column app_type varchar(32) not null default 'non_interactive';
