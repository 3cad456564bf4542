-- The organizations' API keys (ADR 0028), kept from voicepartner.organizations with the shape every read side's key
-- table has (ApiKeyTable in service-support): the query side authenticates the keys presented to it here, by the
-- keyed hash of their secret (never stored), and lists them. Part of the organizations read model: its rows are
-- written in the projection transaction that moved their organization's row to the event's revision.
CREATE TABLE api_keys (
    id              VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    -- the key's first characters, which its lists show
    prefix          VARCHAR(16)  NOT NULL,
    name            VARCHAR(200) NOT NULL,
    -- the scopes' wire names, space-separated (config:read usage:write)
    scopes          VARCHAR(100) NOT NULL,
    -- <hash key id>:<HMAC-SHA256 hex>
    secret_hash     VARCHAR(80)  NOT NULL,
    expires_at      TIMESTAMPTZ,
    -- the actor of its creation event
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    -- when it was revoked, by itself or with its organization
    revoked_at      TIMESTAMPTZ
);

CREATE INDEX api_keys_secret ON api_keys (secret_hash);
CREATE INDEX api_keys_organization ON api_keys (organization_id, id DESC);

-- When each key was last used, on any side, as the sides pass their uses on (voicepartner.api-key-uses, a few per
-- minute per key, never an event). Not part of a read model: a rebuild keeps it, as the topic does not keep the uses.
CREATE TABLE api_key_uses (
    key_id       VARCHAR(64) PRIMARY KEY,
    last_used_at TIMESTAMPTZ NOT NULL
);
