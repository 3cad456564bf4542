-- The executions and calls already recorded, by the reporter's id, so that a re-sent usage report is not
-- counted twice. Kept by a subscribing processor in the transaction that appends the events; ids are scoped
-- to their tool or phone number, so one reporter's ids never collide with another's.
CREATE TABLE usage_reports (
    aggregate_id VARCHAR(64)  NOT NULL,
    report_id    VARCHAR(200) NOT NULL,
    PRIMARY KEY (aggregate_id, report_id)
);
