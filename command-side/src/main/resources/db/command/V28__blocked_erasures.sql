-- An erasure a step of which was refused for good (ADR 0046): e.g. someone joined, after the erasure was asked for, an
-- organization the person was alone in, and the organization refuses to let its only owner go. Retrying would be
-- refused the same way every round, for ever; instead the erasure is marked blocked, and no round takes it up again.
-- The person may sign in again (their tokens are no longer refused) to resolve it, and asking again resumes it.
-- Ids and a code only, as last_failure: a refusal's message could quote a value.
ALTER TABLE pending_erasures
    ADD COLUMN blocked_at              TIMESTAMPTZ,
    ADD COLUMN blocked_code            VARCHAR(64),
    ADD COLUMN blocked_organization_id VARCHAR(64);
