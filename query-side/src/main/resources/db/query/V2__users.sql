CREATE TABLE users (
    id         VARCHAR(64)  PRIMARY KEY,
    revision   BIGINT       NOT NULL,
    email      VARCHAR(254) NOT NULL,
    name       VARCHAR(200),
    created_at TIMESTAMPTZ  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);
