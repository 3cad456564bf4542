-- Responses to POSTs sent with an Idempotency-Key, replayed for 24 h to a retry with the same key and body.
CREATE TABLE idempotency_keys (
    caller          VARCHAR(64)  NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    BYTEA        NOT NULL,
    completed       BOOLEAN      NOT NULL DEFAULT false,
    status_code     INTEGER,
    content_type    VARCHAR(255),
    location        VARCHAR(1024),
    etag            VARCHAR(64),
    body            BYTEA,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, idempotency_key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
