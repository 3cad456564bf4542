-- Published assistant versions: immutable, one row per version, written once from AssistantVersionPublished
-- (a redelivery finds the row and changes nothing). configuration is the frozen configuration as the API
-- shows it: the assistant's fields, its tools with credentials masked, its files with their assignment.
CREATE TABLE assistant_versions (
    assistant_id  VARCHAR(64)  NOT NULL,
    number        INTEGER      NOT NULL,
    owner_id      VARCHAR(64)  NOT NULL,
    note          VARCHAR(500),
    config_hash   VARCHAR(64)  NOT NULL,
    published_by  VARCHAR(64)  NOT NULL,
    published_at  TIMESTAMPTZ  NOT NULL,
    -- the assistant's revision at which it was published
    revision      BIGINT       NOT NULL,
    configuration JSONB        NOT NULL,
    PRIMARY KEY (assistant_id, number)
);

-- the version a phone number is pinned to; NULL: the number follows its assistant's latest version
ALTER TABLE phone_numbers ADD COLUMN assistant_version INTEGER;
