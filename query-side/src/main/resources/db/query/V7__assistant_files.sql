-- Which files each assistant uses, with the assistant's configuration for each, for the assistant's
-- embedded "files" and each file's "used_by".
CREATE TABLE assistant_files (
    assistant_id VARCHAR(64) NOT NULL,
    file_id      VARCHAR(64) NOT NULL,
    position     BIGINT      NOT NULL,
    config       JSONB       NOT NULL DEFAULT '{}',
    PRIMARY KEY (assistant_id, file_id)
);
CREATE INDEX assistant_files_file ON assistant_files (file_id);
