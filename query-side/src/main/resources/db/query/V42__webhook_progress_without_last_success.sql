-- An endpoint's last success was written on every successful attempt and read by nothing; the write waited for the
-- dispatcher's hold on the same row and made it pass the endpoint over until the next poll (BENCHMARKS.md, Feed).
-- A success now only clears failing_since and disabled_at, when they are set.
ALTER TABLE webhook_endpoint_progress DROP COLUMN last_success_at;
