-- Which versions each assistant has published, so that a phone number is pinned only to one that exists.
-- Kept like the other lookups, in the transaction that appends AssistantVersionPublished.
CREATE TABLE assistant_version_lookup (
    assistant_id VARCHAR(64) NOT NULL,
    number       INTEGER     NOT NULL,
    PRIMARY KEY (assistant_id, number)
);
