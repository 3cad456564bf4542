-- Where a file's bytes are stored is no business of the API's clients (issue 17): file views no longer show it
-- as s3_url, and neither do the states and changes the history recorded before.
UPDATE history SET state = state - 's3_url', changes = changes - 's3_url'
WHERE state -> 's3_url' IS NOT NULL OR changes -> 's3_url' IS NOT NULL;
