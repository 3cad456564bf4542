-- Organizations are the tenant (issue 18, ADR 0027): owner_id now holds the organization a resource belongs to,
-- and created_by who created it (the actor of its creation event). Before organizations, every resource was created
-- by its owner, whose personal organization has the owner's id: owner_id is both for the rows already here.
ALTER TABLE assistants ADD COLUMN created_by VARCHAR(64);
UPDATE assistants SET created_by = owner_id;
ALTER TABLE assistants ALTER COLUMN created_by SET NOT NULL;
ALTER TABLE tools ADD COLUMN created_by VARCHAR(64);
UPDATE tools SET created_by = owner_id;
ALTER TABLE tools ALTER COLUMN created_by SET NOT NULL;
ALTER TABLE phone_numbers ADD COLUMN created_by VARCHAR(64);
UPDATE phone_numbers SET created_by = owner_id;
ALTER TABLE phone_numbers ALTER COLUMN created_by SET NOT NULL;
ALTER TABLE files ADD COLUMN created_by VARCHAR(64);
UPDATE files SET created_by = owner_id;
ALTER TABLE files ALTER COLUMN created_by SET NOT NULL;
