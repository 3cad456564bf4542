-- Erasing a person no longer deletes their row of personal_data_keys: it empties the key (key NULL) and keeps the row,
-- a tombstone of the subject's id (ADR 0042). Values stored before sealing are sealed on read with the subject's key,
-- made if missing (StoredPersonalValues): a key that was deleted must never be made again, and the primary key of this
-- row is what refuses it, even to a reader racing the erasure. The key itself, the only copy, is gone as before.
ALTER TABLE personal_data_keys ALTER COLUMN key DROP NOT NULL;

-- the persons erased before this version, whose rows were deleted: tombstones from their UserErased events
INSERT INTO personal_data_keys (subject_id, key)
SELECT DISTINCT aggregate_identifier, NULL::bytea
FROM domain_event_entry
WHERE payload_type = 'io.voicepartner.api.user.UserErased'
ON CONFLICT (subject_id) DO UPDATE SET key = NULL, wrapped_by = NULL;

-- the invitations stored before sealing with the address of a person erased before this version, where that
-- person's own registration still names it in clear: their invitation must read as erased too. (An address sealed
-- in a registration whose key is gone cannot be matched: ADR 0042 says what remains.)
INSERT INTO personal_data_keys (subject_id, key)
SELECT DISTINCT invitation.payload_json ->> 'invitation_id', NULL::bytea
FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS payload_json
      FROM domain_event_entry
      WHERE payload_type = 'io.voicepartner.api.organization.InvitationCreated') invitation
JOIN (SELECT convert_from(registered.payload, 'UTF8')::jsonb ->> 'email' AS email
      FROM domain_event_entry registered
      JOIN domain_event_entry erased
        ON erased.aggregate_identifier = registered.aggregate_identifier
       AND erased.payload_type = 'io.voicepartner.api.user.UserErased'
      WHERE registered.payload_type = 'io.voicepartner.api.user.UserRegistered') erased_person
  ON lower(invitation.payload_json ->> 'email') = erased_person.email
WHERE invitation.payload_json ->> 'email' NOT LIKE 'pd1:%'
  AND erased_person.email NOT LIKE 'pd1:%'
ON CONFLICT (subject_id) DO UPDATE SET key = NULL, wrapped_by = NULL;
