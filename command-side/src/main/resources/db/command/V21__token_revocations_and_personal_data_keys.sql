-- Revoked bearer tokens (issue 21), kept like the other lookups (ADR 0008) by the subscribing lookup processor in the
-- transaction that appends the users' events, so that the command side refuses a revoked token from the next request
-- on; the read sides keep the same two tables from voicepartner.users (query V30, analytics V23).

-- the generation of the tokens each user is issued now: a token of a lower one was issued before the password last
-- changed, and is refused. A user without a row has never changed it (generation 0)
CREATE TABLE token_generations (
    user_id    VARCHAR(64) PRIMARY KEY,
    generation BIGINT      NOT NULL
);

-- the tokens signed out with (their jti), until they would have expired anyway
CREATE TABLE revoked_tokens (
    token_id   VARCHAR(64) PRIMARY KEY,
    user_id    VARCHAR(64) NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX revoked_tokens_expiry ON revoked_tokens (expires_at);

-- the generation a log-in issues tokens in, raised with the password in the same transaction as PasswordChanged
ALTER TABLE user_credentials ADD COLUMN token_generation BIGINT NOT NULL DEFAULT 0;

-- The key store of personal data (ADR 0034): one random AES-256 key per person (the subject: a user's id), the only
-- copy of it. Every value of theirs that enters an event is sealed with it (pd1:<subject>:<nonce, ciphertext, tag>);
-- every side opens such values by reading this table, so that deleting a person's row makes every sealed copy (events,
-- snapshots, topics, dead letters, read models) unreadable at once.
CREATE TABLE personal_data_keys (
    subject_id VARCHAR(64) PRIMARY KEY,
    key        BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
