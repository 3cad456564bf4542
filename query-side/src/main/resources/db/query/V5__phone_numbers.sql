-- The phone number read model: one row per number holding what its screens show. A deleted number stays
-- as a tombstone (deleted_at set) so that a redelivered older event cannot bring it back. The number is
-- unique among live rows only on the command side, which decides it: here a number freed by one owner and
-- taken by another may briefly show twice, until the deletion is projected.
CREATE TABLE phone_numbers (
    id            VARCHAR(64)  PRIMARY KEY,
    owner_id      VARCHAR(64)  NOT NULL,
    revision      BIGINT       NOT NULL,
    phone_number  VARCHAR(16)  NOT NULL,
    friendly_name VARCHAR(200),
    capabilities  JSONB        NOT NULL,
    country       VARCHAR(2),
    region        VARCHAR(100),
    locality      VARCHAR(100),
    provider      VARCHAR(16)  NOT NULL,
    -- exact, in the scale it was written with ("1.50" stays "1.50")
    monthly_price NUMERIC,
    currency      VARCHAR(3),
    configuration JSONB        NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    assistant_id  VARCHAR(64),
    -- counted by the platform from calls, never by the write API
    usage         JSONB        NOT NULL DEFAULT '{"calls": 0, "minutes": 0}',
    purchased_at  TIMESTAMPTZ  NOT NULL,
    last_used     TIMESTAMPTZ,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    deleted_at    TIMESTAMPTZ
);

-- lists are per owner, newest first (ids are UUIDv7, so id order is creation order), optionally by status;
-- the numbers that reach an assistant are found by it
CREATE INDEX phone_numbers_owner_status ON phone_numbers (owner_id, status, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX phone_numbers_owner ON phone_numbers (owner_id, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX phone_numbers_assistant ON phone_numbers (assistant_id) WHERE deleted_at IS NULL;
