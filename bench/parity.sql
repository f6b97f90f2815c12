-- The same story told to one side (psql variable schema: backorder or
-- baseline): entry with stock, supply and lead time, a line that jumps the
-- queue, ship-complete and not-backorderable items, receipts against supply
-- and without. bench/lib.sh compares what both sides recorded.
SET backorder.today = '2026-03-02';

INSERT INTO :schema.item (sku, lead_time_days) VALUES ('par-a', 20);
INSERT INTO :schema.item (sku, backorderable) VALUES ('par-b', false);
INSERT INTO :schema.receipt (sku, qty) VALUES ('par-a', 5);
INSERT INTO :schema.receipt (sku, qty) VALUES ('par-b', 3);
INSERT INTO :schema.supply (sku, qty, expected_date) VALUES ('par-a', 6, '2026-03-10');
INSERT INTO :schema.supply (sku, qty, expected_date) VALUES ('par-a', 4, '2026-02-20');
INSERT INTO :schema.supply (sku, qty, expected_date) VALUES ('par-a', 5, '2026-03-20');

INSERT INTO :schema.order_line (order_ref, sku, qty) VALUES ('A1', 'par-a', 3);
INSERT INTO :schema.order_line (order_ref, sku, qty) VALUES ('A2', 'par-a', 4);
INSERT INTO :schema.order_line (order_ref, sku, qty, ship_complete) VALUES ('A3', 'par-a', 6, true);
INSERT INTO :schema.order_line (order_ref, sku, qty, requested_date)
VALUES ('A4', 'par-a', 2, '2026-04-15');
INSERT INTO :schema.order_line (order_ref, sku, qty) VALUES ('A5', 'par-a', 9);
INSERT INTO :schema.order_line (order_ref, sku, qty, priority) VALUES ('A6', 'par-a', 2, 10);
INSERT INTO :schema.order_line (order_ref, sku, qty) VALUES ('B1', 'par-b', 2), ('B2', 'par-b', 2);

SELECT * FROM :schema.promise('par-a', 4);
SELECT * FROM :schema.promise('par-a', 3, 'main', NULL, 10);
SELECT * FROM :schema.promise('par-b', 1);
SELECT :schema.atp('par-a', 'main', '2026-03-20');

INSERT INTO :schema.receipt (sku, qty, supply_id)
SELECT 'par-a', 4, min(supply_id) FROM :schema.supply WHERE sku = 'par-a';
INSERT INTO :schema.receipt (sku, qty) VALUES ('par-a', 7);
INSERT INTO :schema.receipt (sku, qty, supply_id)
SELECT 'par-a', 6, max(supply_id) FROM :schema.supply WHERE sku = 'par-a';

SELECT :schema.atp('par-a', 'main', '2026-03-20');
SELECT * FROM :schema.promise('par-a', 4);
