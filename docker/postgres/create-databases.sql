-- Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d): a database per application,
-- since each has its own Flyway history.
CREATE DATABASE auth_server;
CREATE DATABASE timesheets_api;
CREATE DATABASE batch_client;
