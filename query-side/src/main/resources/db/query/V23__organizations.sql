-- The organizations read model (ADR 0027), kept from voicepartner.organizations: the organization, guarded by its
-- revision like every read model's row, and what hangs off it, which moves that revision.
CREATE TABLE organizations (
    id         VARCHAR(64)  PRIMARY KEY,
    revision   BIGINT       NOT NULL,
    name       VARCHAR(200) NOT NULL,
    -- the one sign-up opened for its user, whose id it shares
    personal   BOOLEAN      NOT NULL,
    -- the actor of its creation event
    created_by VARCHAR(64)  NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL,
    deleted_at TIMESTAMPTZ
);

-- Who belongs, with the shape every read side's membership table has (MembershipTable in service-support): a row
-- per user who ever joined, left_at set once they were removed or the organization closed.
CREATE TABLE organization_members (
    organization_id VARCHAR(64) NOT NULL,
    user_id         VARCHAR(64) NOT NULL,
    role            VARCHAR(16) NOT NULL,
    -- when the event that made them a member happened
    joined_at       TIMESTAMPTZ NOT NULL,
    left_at         TIMESTAMPTZ,
    PRIMARY KEY (organization_id, user_id)
);

-- a user's organizations, newest first
CREATE INDEX organization_members_user ON organization_members (user_id, organization_id DESC) WHERE left_at IS NULL;

-- Invitations without their token (not even its hash: accepting is the command side's business). The status is
-- pending, accepted or revoked; a pending one past expires_at reads as expired.
CREATE TABLE organization_invitations (
    id              VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    email           VARCHAR(254) NOT NULL,
    role            VARCHAR(16)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    -- the actor of the invitation's event
    created_by      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);

CREATE INDEX organization_invitations_organization ON organization_invitations (organization_id, id DESC);
