-- Order entry of one line on a random sku of the run's set (@schema@ is the side).
\set k :base + random(1, :skus)
INSERT INTO @schema@.order_line (sku, qty) VALUES ('c3-' || :k, 1);
