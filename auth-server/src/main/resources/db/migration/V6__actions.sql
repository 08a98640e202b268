-- Auth0's client_metadata: a JSON object of string values (at most 10 keys, each key and value at most 255
-- characters; checked by ClientMetadata). Actions read it as event.client.metadata. Null means {}.
alter table client add column client_metadata varchar(4000);
