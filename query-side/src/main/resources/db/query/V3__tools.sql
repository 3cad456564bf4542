-- The tool read model. Secrets never reach the query side in clear: headers and authentication hold
-- plain values as they are and secret ones only as their mask ("••••abcd").
CREATE TABLE tools (
    id                VARCHAR(64)      PRIMARY KEY,
    owner_id          VARCHAR(64)      NOT NULL,
    revision          BIGINT           NOT NULL,
    name              VARCHAR(200)     NOT NULL,
    description       TEXT,
    endpoint          VARCHAR(2048)    NOT NULL,
    method            VARCHAR(8)       NOT NULL,
    category          VARCHAR(100),
    parameters        JSONB            NOT NULL,
    headers           JSONB            NOT NULL,
    authentication    JSONB            NOT NULL,
    is_active         BOOLEAN          NOT NULL,
    total_calls       BIGINT           NOT NULL DEFAULT 0,
    last_used         TIMESTAMPTZ,
    avg_response_time DOUBLE PRECISION,
    created_at        TIMESTAMPTZ      NOT NULL,
    updated_at        TIMESTAMPTZ      NOT NULL,
    deleted_at        TIMESTAMPTZ
);

CREATE INDEX tools_owner_category ON tools (owner_id, category, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX tools_owner ON tools (owner_id, id DESC) WHERE deleted_at IS NULL;
