-- The knowledge file read model: one row per file holding what its screens show, and where its bytes and
-- text are stored (the locations its events carry). A deleted file stays as a tombstone (deleted_at set)
-- so that a redelivered older event cannot bring it back.
CREATE TABLE files (
    id               VARCHAR(64)   PRIMARY KEY,
    owner_id         VARCHAR(64)   NOT NULL,
    revision         BIGINT        NOT NULL,
    filename         VARCHAR(100)  NOT NULL,
    original_name    VARCHAR(255)  NOT NULL,
    file_type        VARCHAR(8)    NOT NULL,
    file_size        BIGINT        NOT NULL,
    storage_location VARCHAR(2048) NOT NULL,
    sha256           VARCHAR(64)   NOT NULL,
    description      TEXT,
    -- uploading until the text is extracted, then processed or error
    status           VARCHAR(16)   NOT NULL,
    error_message    TEXT,
    text_location    VARCHAR(2048),
    text_length      BIGINT,
    text_sha256      VARCHAR(64),
    text_preview     TEXT,
    created_at       TIMESTAMPTZ   NOT NULL,
    updated_at       TIMESTAMPTZ   NOT NULL,
    deleted_at       TIMESTAMPTZ
);

-- lists are per owner, newest first (ids are UUIDv7, so id order is creation order), optionally by status
-- or type
CREATE INDEX files_owner ON files (owner_id, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX files_owner_status ON files (owner_id, status, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX files_owner_type ON files (owner_id, file_type, id DESC) WHERE deleted_at IS NULL;
