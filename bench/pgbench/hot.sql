-- One hot sku: eight order lines of 1 for every two receipts of 4.
\set r random(1, 10)
\if :r <= 8
INSERT INTO @schema@.order_line (sku, qty) VALUES ('c6-' || :k, 1);
\else
INSERT INTO @schema@.receipt (sku, qty) VALUES ('c6-' || :k, 4);
\endif
