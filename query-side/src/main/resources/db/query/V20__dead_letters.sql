-- Records this consumer parked on a dead-letter topic because they can never be processed as they are
-- (ADR 0020): what an operator lists (infra/scripts/parked-events list) and /health counts until a replay
-- sends them back to their topic and marks them replayed.
CREATE TABLE dead_letters (
    id              BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    processor       TEXT        NOT NULL,
    topic           TEXT        NOT NULL,
    topic_partition INTEGER     NOT NULL,
    record_offset   BIGINT      NOT NULL,
    aggregate_id    TEXT,
    event_type      TEXT,
    cause           TEXT        NOT NULL,
    parked_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    replayed_at     TIMESTAMPTZ
);

CREATE INDEX dead_letters_unreplayed ON dead_letters (processor, topic) WHERE replayed_at IS NULL;
