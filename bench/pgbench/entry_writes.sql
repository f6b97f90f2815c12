-- The rows order entry of one queued line cannot avoid writing, without triggers.
\set k :base + random(1, :skus)
SELECT floor.enter('c3-' || :k, 1);
