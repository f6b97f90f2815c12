-- Order entry of one line on a random sku of the scale set.
\set k random(1, :skus)
INSERT INTO @schema@.order_line (sku, qty) VALUES ('c7-' || :k, 1);
