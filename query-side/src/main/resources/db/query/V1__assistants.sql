-- The assistant read model: one row per assistant holding what its screens show. A deleted assistant
-- stays as a tombstone (deleted_at set) so that a redelivered older event cannot bring it back.
CREATE TABLE assistants (
    id                       VARCHAR(64)      PRIMARY KEY,
    owner_id                 VARCHAR(64)      NOT NULL,
    revision                 BIGINT           NOT NULL,
    name                     VARCHAR(200)     NOT NULL,
    description              TEXT,
    system_prompt            TEXT,
    llm_provider             VARCHAR(100),
    llm_model                VARCHAR(200),
    temperature              DOUBLE PRECISION,
    max_tokens               INTEGER,
    voice_provider           VARCHAR(100),
    voice_id                 VARCHAR(200),
    voice_speed              DOUBLE PRECISION,
    voice_pitch              DOUBLE PRECISION,
    voice_stability          DOUBLE PRECISION,
    language                 VARCHAR(35),
    fallback_language        VARCHAR(35),
    first_message            TEXT,
    interruption_sensitivity DOUBLE PRECISION,
    silence_timeout          DOUBLE PRECISION,
    response_delay           DOUBLE PRECISION,
    status                   VARCHAR(16)      NOT NULL,
    is_active                BOOLEAN          NOT NULL,
    capabilities             JSONB            NOT NULL,
    created_at               TIMESTAMPTZ      NOT NULL,
    updated_at               TIMESTAMPTZ      NOT NULL,
    deleted_at               TIMESTAMPTZ
);

-- lists are per owner, newest first (ids are UUIDv7, so id order is creation order), optionally by status
CREATE INDEX assistants_owner_status ON assistants (owner_id, status, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX assistants_owner ON assistants (owner_id, id DESC) WHERE deleted_at IS NULL;
