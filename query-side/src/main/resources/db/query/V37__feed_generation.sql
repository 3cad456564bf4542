-- The generation of the public event feed (ADR 0041): made with the query schema, so that a restore, which creates
-- the schema again and fills the feed anew under the transaction ids of another cluster and in another order (ADR
-- 0035, 0038), makes a new one. A cursor names the generation it was issued by; one of an earlier generation is
-- carried over by the id of its last event. Not a read model: a rebuild keeps it, as it keeps the feed.
CREATE TABLE feed_generation (
    -- one row
    only_row   BOOLEAN     PRIMARY KEY DEFAULT true CHECK (only_row),
    -- random, 16 hex digits; EventFeed makes the same if an operator's reset emptied the table
    id         VARCHAR(32) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO feed_generation (id) VALUES (substr(md5(CAST(gen_random_uuid() AS text)), 1, 16));
