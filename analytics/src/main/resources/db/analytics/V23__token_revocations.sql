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
