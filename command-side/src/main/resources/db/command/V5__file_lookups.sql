-- Which knowledge files exist, whose they are and where their bytes and text are stored, so that only
-- the owner's live files are assigned, and the stored bytes of a deleted file can be removed.
CREATE TABLE file_lookup (
    file_id          VARCHAR(64)   PRIMARY KEY,
    owner_id         VARCHAR(64)   NOT NULL,
    storage_location VARCHAR(2048) NOT NULL,
    text_location    VARCHAR(2048),
    deleted          BOOLEAN       NOT NULL DEFAULT false
);

-- which assistants use which files, so that deleting a file can take it from every assistant
CREATE TABLE assistant_file_lookup (
    assistant_id VARCHAR(64) NOT NULL,
    file_id      VARCHAR(64) NOT NULL,
    PRIMARY KEY (assistant_id, file_id)
);
CREATE INDEX assistant_file_lookup_file ON assistant_file_lookup (file_id);
