-- Who belongs to which organization, so that the analytics routes admit an organization's members alone
-- (ADR 0027), kept from voicepartner.organizations: each organization's revision, which guards its events (a
-- redelivered or stale one changes nothing), and its members with the shape every read side's membership table
-- has (MembershipTable in service-support).
CREATE TABLE organizations (
    id       VARCHAR(64) PRIMARY KEY,
    revision BIGINT      NOT NULL
);

CREATE TABLE organization_members (
    organization_id VARCHAR(64) NOT NULL,
    user_id         VARCHAR(64) NOT NULL,
    role            VARCHAR(16) NOT NULL,
    joined_at       TIMESTAMPTZ NOT NULL,
    left_at         TIMESTAMPTZ,
    PRIMARY KEY (organization_id, user_id)
);
