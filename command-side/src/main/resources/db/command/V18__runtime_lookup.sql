-- What answers each phone number at call start (GET /api/runtime/phone-numbers/{e164}, ADR 0030): the number's own
-- configuration and pin beside it in phone_number_lookup, and each published version's frozen configuration beside it
-- in assistant_version_lookup. Kept like every lookup (ADR 0008), by the subscribing lookup processor in the
-- transaction that appends the events, so that the runtime never meets a number or a version older than the store,
-- and read with one statement per call instead of replaying events.
ALTER TABLE phone_number_lookup ADD COLUMN assistant_version INTEGER;
ALTER TABLE phone_number_lookup ADD COLUMN configuration JSONB;

ALTER TABLE assistant_version_lookup ADD COLUMN config_hash VARCHAR(64);
ALTER TABLE assistant_version_lookup ADD COLUMN published_at TIMESTAMPTZ;
ALTER TABLE assistant_version_lookup ADD COLUMN published_by VARCHAR(255);
-- as AssistantVersionPublished carries it: credentials are ciphertext, opened only when the runtime asks
ALTER TABLE assistant_version_lookup ADD COLUMN configuration JSONB;

-- Back-filled from the events, whose payloads are the JSON of the event store's serializer (snake_case). A number's
-- configuration is that of its latest created, updated or restored event (a deleted number keeps the one it had).
UPDATE phone_number_lookup l
SET configuration     = latest.payload -> 'configuration',
    assistant_version = CAST(latest.payload -> 'configuration' ->> 'assistant_version' AS INTEGER)
FROM (SELECT DISTINCT ON (aggregate_identifier) aggregate_identifier,
             CAST(convert_from(payload, 'UTF8') AS JSONB) AS payload
      FROM domain_event_entry
      WHERE payload_type IN ('io.voicepartner.api.phonenumber.PhoneNumberCreated',
                             'io.voicepartner.api.phonenumber.PhoneNumberUpdated',
                             'io.voicepartner.api.phonenumber.PhoneNumberRestored')
      ORDER BY aggregate_identifier, sequence_number DESC) latest
WHERE latest.aggregate_identifier = l.phone_number_id;

-- time_stamp is ISO-8601 as Axon writes it: when the version was published
UPDATE assistant_version_lookup l
SET config_hash  = published.payload ->> 'config_hash',
    published_at = CAST(published.time_stamp AS TIMESTAMPTZ),
    published_by = published.payload ->> 'published_by',
    configuration = published.payload -> 'configuration'
FROM (SELECT aggregate_identifier, time_stamp, CAST(convert_from(payload, 'UTF8') AS JSONB) AS payload
      FROM domain_event_entry
      WHERE payload_type = 'io.voicepartner.api.assistant.AssistantVersionPublished') published
WHERE published.aggregate_identifier = l.assistant_id
  AND CAST(published.payload ->> 'number' AS INTEGER) = l.number;

-- every row was written with its event in one transaction, so every row has one: a row without would be a bug to
-- stop at, not a number to answer calls with nothing
ALTER TABLE phone_number_lookup ALTER COLUMN configuration SET NOT NULL;
ALTER TABLE assistant_version_lookup ALTER COLUMN config_hash SET NOT NULL;
ALTER TABLE assistant_version_lookup ALTER COLUMN published_at SET NOT NULL;
ALTER TABLE assistant_version_lookup ALTER COLUMN published_by SET NOT NULL;
ALTER TABLE assistant_version_lookup ALTER COLUMN configuration SET NOT NULL;
