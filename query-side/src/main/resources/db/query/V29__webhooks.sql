-- Webhooks (ADR 0032). The endpoints are a read model of voicepartner.webhook-endpoints, written like every other one
-- (guarded by the row's revision, deleted ones kept as tombstones); what was delivered to them is telemetry the
-- query side keeps itself, never an event: it is not part of a read model, and a rebuild keeps it. Strings are TEXT:
-- each is checked at the edge that accepts it (the write routes' limits, the feed's own).

CREATE TABLE webhook_endpoints (
    id                         TEXT        PRIMARY KEY,
    -- the organization it belongs to
    owner_id                   TEXT        NOT NULL,
    url                        TEXT        NOT NULL,
    -- the public event types it takes, space-separated, or * for all
    event_types                TEXT        NOT NULL,
    description                TEXT,
    enabled                    BOOLEAN     NOT NULL,
    -- why the platform disabled it, while it is disabled by the platform
    disabled_reason            TEXT,
    -- the signing secret as the event carries it: encrypted under SECRETS_KEY (v2:<key id>:…), never shown
    secret                     TEXT        NOT NULL,
    -- the secret a rotation replaced, which signs beside the new one until previous_secret_expires_at
    previous_secret            TEXT,
    previous_secret_expires_at TIMESTAMPTZ,
    created_by                 TEXT        NOT NULL,
    revision                   BIGINT      NOT NULL,
    created_at                 TIMESTAMPTZ NOT NULL,
    updated_at                 TIMESTAMPTZ NOT NULL,
    deleted_at                 TIMESTAMPTZ
);

CREATE INDEX webhook_endpoints_owner ON webhook_endpoints (owner_id, id DESC);

-- Per endpoint, how far into its organization's feed deliveries were made (the feed's cursor), and since when it has
-- failed without a success. Locked FOR UPDATE SKIP LOCKED by the node that reads the feed for it.
CREATE TABLE webhook_endpoint_progress (
    endpoint_id       TEXT        PRIMARY KEY,
    -- whether its feed is being read: the row may exist before, for the attempts of a test ping
    feed_started      BOOLEAN     NOT NULL DEFAULT false,
    -- the cursor of the last feed event taken into deliveries; NULL for none yet (from the organization's first)
    feed_cursor       TEXT,
    -- when the first attempt failed that no success has followed; NULL while it succeeds
    failing_since     TIMESTAMPTZ,
    last_success_at   TIMESTAMPTZ,
    -- when the platform decided to disable it (the command is sent, the event follows)
    disabled_at       TIMESTAMPTZ
);

-- One event (or ping) to send to one endpoint, and how that went. The body is frozen when the delivery is made, so
-- that every attempt and a redelivery send the same bytes. sequence orders the deliveries of one resource: one is
-- sent only after every earlier one of its resource to the same endpoint is settled.
CREATE TABLE webhook_deliveries (
    id              TEXT        PRIMARY KEY,
    sequence        BIGSERIAL   NOT NULL,
    endpoint_id     TEXT        NOT NULL,
    owner_id        TEXT        NOT NULL,
    -- the public event's id: the webhook-id header, the same on every attempt and redelivery
    event_id        TEXT        NOT NULL,
    event_type      TEXT        NOT NULL,
    -- <resource type>/<resource id>: deliveries of one resource go out in order; a ping has its own
    resource_key    TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    -- pending, succeeded, failed (no more attempts), cancelled (its endpoint was deleted or disabled)
    status          TEXT        NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    -- a node sending it holds it until then; past it, another node may take it (at least once)
    leased_until    TIMESTAMPTZ,
    -- the delivery a redelivery repeats (same event, same body), sent after whatever is pending before it
    redelivery_of   TEXT,
    created_at      TIMESTAMPTZ NOT NULL
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_resource ON webhook_deliveries (endpoint_id, resource_key, sequence)
    WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id DESC);
-- a feed event is taken into one delivery per endpoint, however often the feed is read; redeliveries are new ones
CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (endpoint_id, event_id) WHERE redelivery_of IS NULL;

CREATE TABLE webhook_attempts (
    delivery_id  TEXT        NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt      INTEGER     NOT NULL,
    attempted_at TIMESTAMPTZ NOT NULL,
    -- NULL when no answer came (refused address, connection error, the 10 s deadline)
    status_code  INTEGER,
    latency_ms   BIGINT      NOT NULL,
    error        TEXT,
    -- when the next attempt is due after this one; NULL after a success or the last attempt
    next_retry_at TIMESTAMPTZ,
    PRIMARY KEY (delivery_id, attempt)
);
