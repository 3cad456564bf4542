-- Credentials live beside the event store, never in it: events are published to Kafka and kept forever.
-- The unique e-mail is the set-based check of sign-up, written in the same transaction as UserRegistered.
CREATE TABLE user_credentials (
    user_id       VARCHAR(64)  PRIMARY KEY,
    email         VARCHAR(254) NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT user_credentials_email UNIQUE (email)
);
