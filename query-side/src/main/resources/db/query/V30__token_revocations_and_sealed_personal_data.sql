-- Revoked bearer tokens (issue 21), kept from voicepartner.users as the command side keeps them (command V21), so that
-- this side refuses a token its user signed out with, or one issued before their password last changed, as soon as it
-- has the event (ADR 0034). Not part of a read model: a rebuild replays into them, which changes nothing.

CREATE TABLE token_generations (
    user_id    VARCHAR(64) PRIMARY KEY,
    generation BIGINT      NOT NULL
);

CREATE TABLE revoked_tokens (
    token_id   VARCHAR(64) PRIMARY KEY,
    user_id    VARCHAR(64) NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX revoked_tokens_expiry ON revoked_tokens (expires_at);

-- A person's e-mail address and name, and the name of their personal organization (made of them), reach the read
-- models sealed with the person's key (ADR 0034): pd1:<subject>:<base64url>, longer than the values in clear, and
-- opened when read. The columns hold them unbounded; the edge still bounds the values in clear.
ALTER TABLE users ALTER COLUMN email TYPE TEXT;
ALTER TABLE users ALTER COLUMN name TYPE TEXT;
ALTER TABLE organizations ALTER COLUMN name TYPE TEXT;
