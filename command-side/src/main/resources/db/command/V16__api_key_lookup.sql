-- API keys (ADR 0028), kept like the other organization lookups (V15) by the subscribing lookup processor in the
-- transaction that appends their events: the command side authenticates every key presented to it here, so a key
-- revoked is refused by the next request. A key is found by the keyed hash of its secret (<hash key id>:<hex>); the
-- secret itself is never stored. A row goes when its key is revoked or its organization closed; an expired one
-- stays, and is refused by its expires_at.
CREATE TABLE api_key_lookup (
    key_id          VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    secret_hash     VARCHAR(80)  NOT NULL,
    -- the scopes' wire names, space-separated (config:read usage:write)
    scopes          VARCHAR(100) NOT NULL,
    expires_at      TIMESTAMPTZ,
    CONSTRAINT api_key_lookup_secret UNIQUE (secret_hash)
);
CREATE INDEX api_key_lookup_organization ON api_key_lookup (organization_id);
