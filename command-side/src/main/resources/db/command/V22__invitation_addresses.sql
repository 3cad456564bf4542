-- Invitations' addresses are sealed with a key of each invitation (ADR 0034). This finds the invitations sent to an
-- address by a keyed hash of it (InvitationAddresses), so that erasing a person deletes the keys of the invitations
-- sent to them. Written at the edge with the invitation's event; a person's rows are deleted with them.
CREATE TABLE invitation_addresses (
    invitation_id VARCHAR(64) PRIMARY KEY,
    address_hash  VARCHAR(64) NOT NULL
);
CREATE INDEX invitation_addresses_hash ON invitation_addresses (address_hash);

-- the pending invitation's address, sealed as its event has it: accepting compares the caller's with it opened.
-- NULL for invitations sent before addresses were sealed, whose events hold the address the organization compares
ALTER TABLE invitation_lookup ADD COLUMN email TEXT;
