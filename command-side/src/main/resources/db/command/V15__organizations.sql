-- Organizations are the tenant (ADR 0027). These lookups are kept like the others (ADR 0008), by the subscribing
-- lookup processor in the transaction that appends the organizations' events, so they never lag behind the store:
-- every request's access check reads the caller's role here (Memberships), an invitation is found by its token
-- here, and the rules that span organizations and their resources are checked here.

-- every organization, and whether it is closed: a phone number is never bought or restored in a closed one, and
-- one with live phone numbers is never closed (the row is locked by both, so of the two only one happens)
CREATE TABLE organization_lookup (
    organization_id VARCHAR(64) PRIMARY KEY,
    personal        BOOLEAN     NOT NULL,
    deleted         BOOLEAN     NOT NULL DEFAULT false
);

-- who belongs to which open organization, with which role (owner, admin, editor, viewer)
CREATE TABLE membership_lookup (
    organization_id VARCHAR(64) NOT NULL,
    user_id         VARCHAR(64) NOT NULL,
    role            VARCHAR(16) NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX membership_lookup_user ON membership_lookup (user_id);

-- the pending invitations by the SHA-256 (hex) of their single-use token; the token itself is never stored. A row
-- goes when its invitation is used or revoked, or its organization closed; an expired one stays, and the
-- organization refuses it
CREATE TABLE invitation_lookup (
    invitation_id   VARCHAR(64) PRIMARY KEY,
    organization_id VARCHAR(64) NOT NULL,
    token_hash      VARCHAR(64) NOT NULL,
    CONSTRAINT invitation_lookup_token UNIQUE (token_hash)
);
CREATE INDEX invitation_lookup_organization ON invitation_lookup (organization_id);

-- an organization's live phone numbers, counted when it is closed
CREATE INDEX phone_number_lookup_owner ON phone_number_lookup (owner_id) WHERE NOT deleted;
