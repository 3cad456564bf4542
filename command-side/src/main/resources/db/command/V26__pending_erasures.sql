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
