-- Usage is telemetry, not configuration (ADR 0017): executions and calls are stored as events of their own,
-- outside the tools' and phone numbers' streams, so a report no longer loads an aggregate. What the aggregate
-- decided for it is now asked of the lookups, in the report's transaction:
-- * whether the tool or number is the caller's and live (as before), and when it was created, which bounds
--   a reported occurred_at from below (created_at minus a clock skew);
-- * which reporter ids are recorded already: usage_reports becomes a claim table, inserted into directly by the
--   report (INSERT ... ON CONFLICT DO NOTHING RETURNING) in the transaction that stores its events, so that of
--   two concurrent reports of one id exactly one records it. The ids claimed before stay, so a re-sent report
--   of an execution recorded on the tool's stream is still recognised.
ALTER TABLE tool_lookup ADD COLUMN created_at TIMESTAMPTZ;
ALTER TABLE phone_number_lookup ADD COLUMN created_at TIMESTAMPTZ;

-- the first event of each stream is its creation; time_stamp is ISO-8601 as Axon writes it
UPDATE tool_lookup l SET created_at = CAST(e.time_stamp AS TIMESTAMPTZ)
FROM domain_event_entry e WHERE e.aggregate_identifier = l.tool_id AND e.sequence_number = 0;
UPDATE phone_number_lookup l SET created_at = CAST(e.time_stamp AS TIMESTAMPTZ)
FROM domain_event_entry e WHERE e.aggregate_identifier = l.phone_number_id AND e.sequence_number = 0;

-- a lookup row without its creation event cannot be (the projector writes both in one transaction), but if one
-- is, its usage is bounded by now rather than refused for ever
UPDATE tool_lookup SET created_at = now() WHERE created_at IS NULL;
UPDATE phone_number_lookup SET created_at = now() WHERE created_at IS NULL;

ALTER TABLE tool_lookup ALTER COLUMN created_at SET NOT NULL;
ALTER TABLE phone_number_lookup ALTER COLUMN created_at SET NOT NULL;
