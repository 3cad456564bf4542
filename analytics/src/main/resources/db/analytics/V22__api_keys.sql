-- The organizations' API keys (ADR 0028), so that the analytics routes authenticate the keys presented to them
-- without asking another side, kept from voicepartner.organizations with the shape every read side's key table has
-- (ApiKeyTable in service-support), in the transaction that moves the organization's revision (V21).
CREATE TABLE api_keys (
    id              VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    prefix          VARCHAR(16)  NOT NULL,
    name            VARCHAR(200) NOT NULL,
    scopes          VARCHAR(100) NOT NULL,
    secret_hash     VARCHAR(80)  NOT NULL,
    expires_at      TIMESTAMPTZ,
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    revoked_at      TIMESTAMPTZ
);

CREATE INDEX api_keys_secret ON api_keys (secret_hash);
