-- Rebuilds of read models (infra/scripts/rebuild): requested here, claimed and run by one query-side
-- instance, which reports its progress in the row; every instance's metrics show the latest row.
CREATE TABLE rebuilds (
    id                BIGINT           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the read models' names, comma-separated
    read_models       VARCHAR(200)     NOT NULL,
    -- requested, running, then swapped, failed or cancelled
    status            VARCHAR(16)      NOT NULL DEFAULT 'requested',
    cancel_requested  BOOLEAN          NOT NULL DEFAULT false,
    events_done       BIGINT           NOT NULL DEFAULT 0,
    events_total      BIGINT           NOT NULL DEFAULT 0,
    events_per_second DOUBLE PRECISION NOT NULL DEFAULT 0,
    message           TEXT,
    requested_at      TIMESTAMPTZ      NOT NULL DEFAULT now(),
    started_at        TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ      NOT NULL DEFAULT now(),
    finished_at       TIMESTAMPTZ
);

-- one rebuild at a time: they build in the same shadow schema
CREATE UNIQUE INDEX rebuilds_one_at_a_time ON rebuilds ((true)) WHERE status IN ('requested', 'running');
