-- The history read model: one row per event of an assistant, tool, file or phone number, oldest first by
-- revision. Each row holds what the event changed (field -> {from, to}, credentials only masked) and the
-- resource's configured fields after it, as its read view names them, so that a point-in-time read is one
-- row, not a replay. Rows are never updated or deleted: the primary key makes a redelivery a no-op, and a
-- deleted resource keeps its history (its owner can still read it, and restore it).
CREATE TABLE history (
    aggregate_id   VARCHAR(64)  NOT NULL,
    revision       BIGINT       NOT NULL,
    aggregate_type VARCHAR(32)  NOT NULL,
    owner_id       VARCHAR(64)  NOT NULL,
    type           VARCHAR(64)  NOT NULL,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    -- the user whose request caused the event, or "system" for the platform's own clean-ups
    actor          VARCHAR(64),
    changes        JSONB        NOT NULL,
    state          JSONB        NOT NULL,
    -- the event deleted the resource: at this point in time it did not exist
    deleted        BOOLEAN      NOT NULL,
    PRIMARY KEY (aggregate_id, revision)
);

-- ?as_of= finds the last event at or before a time
CREATE INDEX history_as_of ON history (aggregate_id, occurred_at);
