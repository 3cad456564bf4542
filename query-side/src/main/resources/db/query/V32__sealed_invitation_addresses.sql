-- An invitation's address is sealed with a key of the invitation (ADR 0034), longer than an address: opened when read
ALTER TABLE organization_invitations ALTER COLUMN email TYPE TEXT;
