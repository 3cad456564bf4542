-- The audit log (issue 18, ADR 0029): one row per event an organization owns, whoever caused it, and per sign-in of
-- a member one row in each organization the user belonged to when signing in. Rows are only ever inserted: the
-- primary key (an event is one organization's entry once) makes a redelivery a no-op. Usage is not here (ADR 0017).
CREATE TABLE audit_log (
    organization_id VARCHAR(64)  NOT NULL,
    -- the event's id
    id              VARCHAR(64)  NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    -- the event's actor apart: user (its id), api_key (the key's id) or system; the e-mail or prefix it is shown
    -- with is read with the page, from the read model that has it
    actor_type      VARCHAR(16)  NOT NULL,
    actor_id        VARCHAR(64)  NOT NULL,
    -- the event's type
    action          VARCHAR(64)  NOT NULL,
    -- the aggregate it happened to (a sign-in: the user's account)
    resource_type   VARCHAR(32)  NOT NULL,
    resource_id     VARCHAR(64)  NOT NULL,
    -- the X-Request-Id of the request that caused it, if a request did
    request_id      VARCHAR(128),
    -- where a sign-in came from: personal data (issue 21 encrypts it); null for every other entry
    client_address  TEXT,
    PRIMARY KEY (organization_id, id)
);

-- an organization's log, newest first, page after page; and narrowed to one actor, or to one resource
CREATE INDEX audit_log_newest ON audit_log (organization_id, occurred_at DESC, id DESC);
CREATE INDEX audit_log_actor ON audit_log (organization_id, actor_id, occurred_at DESC, id DESC);
CREATE INDEX audit_log_resource ON audit_log (organization_id, resource_id, occurred_at DESC, id DESC);
