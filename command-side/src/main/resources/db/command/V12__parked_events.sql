-- Events the kafka-publisher can never send as they are (ADR 0020): parked here with their cause so that the
-- publisher goes on with every other aggregate. An aggregate with a parked event has its later events parked
-- behind it (waiting_behind names the failed one), so that its order on the topic is kept. Rows are removed
-- once the event is on Kafka (infra/scripts/parked-events replay, after a fix).
CREATE TABLE parked_events (
    global_index        BIGINT       PRIMARY KEY,
    aggregate_id        VARCHAR(255) NOT NULL,
    event_type          VARCHAR(255) NOT NULL,
    cause               TEXT         NOT NULL,
    waiting_behind      BIGINT,
    parked_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    replay_requested_at TIMESTAMPTZ
);

CREATE INDEX parked_events_by_aggregate ON parked_events (aggregate_id, global_index);
