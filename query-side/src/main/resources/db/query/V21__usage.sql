-- Usage is telemetry, not configuration (ADR 0017). Every execution and call, from voicepartner.usage and from
-- the legacy ToolExecuted / CallRecorded events still in the tools' and numbers' streams, is a row here, unique
-- by the reporter's id per tool or number: a redelivery inserts nothing. The counters live beside the resources,
-- not in their rows, so that usage arriving before its tool's creation (there is no order between topics) is
-- still counted, and so that usage never touches a configuration row or its revision. A counter moves only in
-- the statement that inserted its execution or call, by what that insert returned: exact under redelivery and
-- concurrent writers.
CREATE TABLE tool_executions (
    tool_id      VARCHAR(64)  NOT NULL,
    execution_id VARCHAR(200) NOT NULL,
    -- the event's id, what the API calls the execution's id
    id           VARCHAR(64)  NOT NULL,
    owner_id     VARCHAR(64)  NOT NULL,
    assistant_id VARCHAR(64),
    duration_ms  BIGINT       NOT NULL,
    success      BOOLEAN      NOT NULL,
    status_code  INTEGER,
    test_call    BOOLEAN      NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tool_id, execution_id)
);
-- a tool's executions, newest first, page after page
CREATE INDEX tool_executions_newest ON tool_executions (tool_id, occurred_at DESC, id DESC);

CREATE TABLE tool_usage (
    tool_id           VARCHAR(64) PRIMARY KEY,
    total_calls       BIGINT      NOT NULL,
    -- the sum, so that the average (total_duration_ms / total_calls) is exact
    total_duration_ms BIGINT      NOT NULL,
    last_used         TIMESTAMPTZ
);

CREATE TABLE phone_calls (
    phone_number_id VARCHAR(64)  NOT NULL,
    call_id         VARCHAR(200) NOT NULL,
    id              VARCHAR(64)  NOT NULL,
    owner_id        VARCHAR(64)  NOT NULL,
    assistant_id    VARCHAR(64),
    call_seconds    BIGINT       NOT NULL,
    direction       VARCHAR(16)  NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    received_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (phone_number_id, call_id)
);
CREATE INDEX phone_calls_newest ON phone_calls (phone_number_id, occurred_at DESC, id DESC);

CREATE TABLE phone_number_usage (
    phone_number_id VARCHAR(64) PRIMARY KEY,
    calls           BIGINT      NOT NULL,
    seconds         BIGINT      NOT NULL,
    last_used       TIMESTAMPTZ
);

-- The counters counted so far move over. The executions and calls behind them were never kept one by one:
-- a rebuild of the tools and phone-numbers read models (infra/scripts/rebuild) lists them from the topics.
INSERT INTO tool_usage (tool_id, total_calls, total_duration_ms, last_used)
SELECT id, total_calls, round(COALESCE(avg_response_time, 0) * total_calls), last_used FROM tools WHERE total_calls > 0;
INSERT INTO phone_number_usage (phone_number_id, calls, seconds, last_used)
SELECT id, (usage->>'calls')::bigint,
       COALESCE((usage->>'seconds')::bigint, round((usage->>'minutes')::numeric * 60)::bigint), last_used
FROM phone_numbers WHERE COALESCE((usage->>'calls')::bigint, 0) > 0;

ALTER TABLE tools DROP COLUMN total_calls, DROP COLUMN last_used, DROP COLUMN avg_response_time;
ALTER TABLE phone_numbers DROP COLUMN usage, DROP COLUMN last_used;

-- a configuration's history shows configuration changes only
DELETE FROM history WHERE (aggregate_type = 'tool' AND type = 'ToolExecuted')
                       OR (aggregate_type = 'phone_number' AND type = 'CallRecorded');
