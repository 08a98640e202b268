-- The upload path looks keys up with `client_id = ? AND tenant = ? AND idempotency_key IN (...)`, 500 keys at a time.
-- H2 uses an index for an IN list only on the index's first column: with (client_id, tenant, idempotency_key) it
-- compared every key the client had ever sent against the whole list, so an upload got slower as the table grew
-- (1,020 entries/s over a table of about 100,000 keys, 1.95 ms of CPU per entry, 85% of it in that comparison).
-- The same columns in another order make each key a direct index lookup; PostgreSQL serves the query from either.
ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pk;
ALTER TABLE idempotency_key ADD CONSTRAINT idempotency_key_pk PRIMARY KEY (idempotency_key, client_id, tenant);
