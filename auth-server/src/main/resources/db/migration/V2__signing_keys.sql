-- The signing key set. Auth0's key states: 'next' (published, not yet signing), 'current' (signs),
-- 'previous' (published so that tokens it signed still validate), 'revoked' (withdrawn).
-- Rotation moves keys through these states without a schema change.
create table signing_key (
    kid                   varchar(64)   primary key,
    algorithm             varchar(16)   not null,
    status                varchar(16)   not null,
    public_jwk            varchar(4000) not null,
    -- AES-256-GCM ciphertext of the PKCS#8 private key, base64(iv || ciphertext+tag); the kid is the AAD.
    private_key_encrypted varchar(8000) not null,
    created_at            timestamp     not null default current_timestamp,
    activated_at          timestamp,
    retired_at            timestamp,
    constraint signing_key_status check (status in ('next', 'current', 'previous', 'revoked'))
);
