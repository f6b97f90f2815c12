-- A receipt of one unit on a random sku of the scale set: it fills one line.
\set k random(1, :skus)
INSERT INTO @schema@.receipt (sku, qty) VALUES ('c7-' || :k, 1);
