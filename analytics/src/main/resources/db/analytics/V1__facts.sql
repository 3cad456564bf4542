-- The analytics consumer's facts: one row per event that counts, keyed by the event's id, so that a
-- redelivery or a replay from the start inserts nothing twice. Figures are computed from these rows when
-- asked (exact counts, sums and percentiles), per owner and day (UTC).
CREATE TABLE assistants_created (
    event_id     VARCHAR(64) PRIMARY KEY,
    owner_id     VARCHAR(64) NOT NULL,
    assistant_id VARCHAR(64) NOT NULL,
    day          DATE        NOT NULL
);
CREATE INDEX assistants_created_owner_day ON assistants_created (owner_id, day);

-- what the runtime reported; the platform's own test calls are not usage and are not kept
CREATE TABLE tool_executions (
    event_id     VARCHAR(64) PRIMARY KEY,
    owner_id     VARCHAR(64) NOT NULL,
    tool_id      VARCHAR(64) NOT NULL,
    assistant_id VARCHAR(64) NOT NULL,
    day          DATE        NOT NULL,
    duration_ms  BIGINT      NOT NULL,
    success      BOOLEAN     NOT NULL
);
CREATE INDEX tool_executions_owner_day ON tool_executions (owner_id, day);

CREATE TABLE file_uploads (
    event_id VARCHAR(64) PRIMARY KEY,
    owner_id VARCHAR(64) NOT NULL,
    file_id  VARCHAR(64) NOT NULL,
    day      DATE        NOT NULL,
    bytes    BIGINT      NOT NULL
);
CREATE INDEX file_uploads_owner_day ON file_uploads (owner_id, day);

CREATE TABLE calls (
    event_id        VARCHAR(64) PRIMARY KEY,
    owner_id        VARCHAR(64) NOT NULL,
    phone_number_id VARCHAR(64) NOT NULL,
    assistant_id    VARCHAR(64) NOT NULL,
    day             DATE        NOT NULL,
    seconds         BIGINT      NOT NULL,
    direction       VARCHAR(16) NOT NULL
);
CREATE INDEX calls_owner_day ON calls (owner_id, day);
