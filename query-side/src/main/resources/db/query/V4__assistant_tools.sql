-- Which tools each assistant uses, for the assistant's embedded "tools" and each tool's "used_by".
CREATE TABLE assistant_tools (
    assistant_id VARCHAR(64) NOT NULL,
    tool_id      VARCHAR(64) NOT NULL,
    position     BIGINT      NOT NULL,
    PRIMARY KEY (assistant_id, tool_id)
);
CREATE INDEX assistant_tools_tool ON assistant_tools (tool_id);
