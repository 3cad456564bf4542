-- An erasure recorded before any of its steps (ADR 0043): from this row on the person cannot sign in and the command
-- side refuses their tokens. Its steps are re-entrant; the erasure's last transaction, which deletes the person's key,
-- deletes the row. A row left by a failure or a stop is finished by a later round of ErasureCompletion, on any node:
-- claimed_until keeps two nodes from working on one at once, and lets another take it over from a node that stopped.
-- last_failure is the type of the exception alone: a message could quote a person's value.
CREATE TABLE pending_erasures (
    user_id       VARCHAR(64) PRIMARY KEY,
    requested_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts      INT         NOT NULL DEFAULT 0,
    last_failure  VARCHAR(255),
    claimed_until TIMESTAMPTZ
);

-- When an invitation's address row and key go (ADR 0043): an invitee who never signs up cannot erase them by
-- DELETE /api/users/me, so they go by themselves once the invitation can no longer be accepted. Set to the
-- invitation's expiry when it is sent, to now when it is revoked or its organization deleted, and to NULL when it is
-- accepted: the invitee then has an account, and their erasure deletes the row and the key. InvitationAddressPurge
-- deletes the key and the row once it is past.
ALTER TABLE invitation_addresses ADD COLUMN purge_after TIMESTAMPTZ;
CREATE INDEX invitation_addresses_purge ON invitation_addresses (purge_after) WHERE purge_after IS NOT NULL;

-- Back-filled from the events, whose payloads are the JSON of the event store's serializer (snake_case, ISO-8601
-- times), as V18 does: sent, the invitation's expiry; accepted, kept; no longer pending and not accepted (revoked, or
-- its organization deleted), now.
UPDATE invitation_addresses a
SET purge_after = CAST(created.payload ->> 'expires_at' AS TIMESTAMPTZ)
FROM (SELECT CAST(convert_from(payload, 'UTF8') AS JSONB) AS payload
      FROM domain_event_entry
      WHERE payload_type = 'io.voicepartner.api.organization.InvitationCreated') created
WHERE created.payload ->> 'invitation_id' = a.invitation_id;

UPDATE invitation_addresses a
SET purge_after = NULL
WHERE EXISTS (SELECT 1
              FROM domain_event_entry added
              WHERE added.payload_type = 'io.voicepartner.api.organization.MemberAdded'
                AND CAST(convert_from(added.payload, 'UTF8') AS JSONB) ->> 'invitation_id' = a.invitation_id);

UPDATE invitation_addresses a
SET purge_after = LEAST(purge_after, now())
WHERE purge_after IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM invitation_lookup l WHERE l.invitation_id = a.invitation_id);
