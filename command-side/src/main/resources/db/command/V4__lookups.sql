-- Set-based rules (ownership across aggregates, platform-wide uniqueness) are checked against these
-- tables. They are kept by a subscribing processor in the transaction that appends the events, so they
-- never lag behind the event store, and they are the command side's own: it never asks the query side.
CREATE TABLE assistant_lookup (
    assistant_id VARCHAR(64) PRIMARY KEY,
    owner_id     VARCHAR(64) NOT NULL,
    deleted      BOOLEAN     NOT NULL DEFAULT false
);

CREATE TABLE tool_lookup (
    tool_id  VARCHAR(64) PRIMARY KEY,
    owner_id VARCHAR(64) NOT NULL,
    deleted  BOOLEAN     NOT NULL DEFAULT false
);

-- which assistants use which tools, so that deleting a tool can take it from every assistant
CREATE TABLE assistant_tool_lookup (
    assistant_id VARCHAR(64) NOT NULL,
    tool_id      VARCHAR(64) NOT NULL,
    PRIMARY KEY (assistant_id, tool_id)
);
CREATE INDEX assistant_tool_lookup_tool ON assistant_tool_lookup (tool_id);

-- an E.164 number belongs to at most one live phone number resource on the whole platform
CREATE TABLE phone_number_lookup (
    phone_number_id VARCHAR(64) PRIMARY KEY,
    owner_id        VARCHAR(64) NOT NULL,
    phone_number    VARCHAR(16) NOT NULL,
    assistant_id    VARCHAR(64),
    deleted         BOOLEAN     NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX phone_number_lookup_number ON phone_number_lookup (phone_number) WHERE NOT deleted;
CREATE INDEX phone_number_lookup_assistant ON phone_number_lookup (assistant_id) WHERE NOT deleted;
