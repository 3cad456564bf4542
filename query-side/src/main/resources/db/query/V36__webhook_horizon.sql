-- Webhooks deliver the events that occurred after this schema was created, and no earlier ones (ADR 0038). After a
-- restore (ADR 0035) the schema is created anew and the feed filled again from the start, while what had been
-- delivered is lost with the old schema: without this, every endpoint would be sent its whole history again. A schema
-- that already has endpoints (a running platform upgraded) keeps delivering everything: NULL, no horizon.
CREATE TABLE webhook_horizon (
    -- one row
    only_row       BOOLEAN     PRIMARY KEY DEFAULT true CHECK (only_row),
    delivers_since TIMESTAMPTZ
);

INSERT INTO webhook_horizon (delivers_since)
SELECT CASE WHEN EXISTS (SELECT 1 FROM webhook_endpoints) THEN NULL ELSE now() END;
