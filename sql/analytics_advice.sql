-- Replenishment advice from a scripted history, against figures worked out by hand.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-02-01';

-- TEA is served from stock, JAM waits on a supplier that runs late, OIL has no stock at all.
INSERT INTO backorder.item (sku, lead_time_days) VALUES ('TEA', 7), ('JAM', 12), ('OIL', 5);
INSERT INTO backorder.supply (sku, qty, expected_date, supplier, reference)
VALUES ('JAM', 10, '2026-02-10', 'Acme', 'A');
SET backorder.today = '2026-02-11';
INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('JAM', 10, 1);      -- 10 days
SET backorder.today = '2026-03-01';
INSERT INTO backorder.supply (sku, qty, expected_date, supplier, reference)
VALUES ('JAM', 10, '2026-03-10', 'Acme', 'B');
SET backorder.today = '2026-03-10';
INSERT INTO backorder.supply (sku, qty, expected_date, supplier, reference)
VALUES ('JAM', 30, '2026-03-20', 'Acme', 'C');
SET backorder.today = '2026-03-15';
INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('JAM', 10, 2);      -- 14 days
SET backorder.today = '2026-03-20';
INSERT INTO backorder.receipt (sku, qty) VALUES ('TEA', 100);

-- The ten days 03-22 .. 03-31 before 04-01; the older half ends 03-26.
SET backorder.today = '2026-03-22';
INSERT INTO backorder.order_line (sku, qty) VALUES ('TEA', 10), ('JAM', 25), ('OIL', 3);
SET backorder.today = '2026-03-24';
INSERT INTO backorder.order_line (sku, qty) VALUES ('TEA', 20), ('JAM', 5);
SET backorder.today = '2026-03-28';
INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('JAM', 30, 3);      -- 18 days, 8 late
SET backorder.today = '2026-03-29';
INSERT INTO backorder.order_line (sku, qty) VALUES ('TEA', 10), ('JAM', 30), ('OIL', 2);
SELECT sku, qty, qty_allocated_at_entry, status FROM backorder.order_line ORDER BY line_id;

SET backorder.today = '2026-04-01';
-- By hand, 95% (z = 1.6448536269514727), ten days, days without orders as zero:
--   TEA: demand 10, 20, 10: mean 4, sd sqrt((600 - 1600/10) / 9) = 6.992058987801010;
--        no receipts, so the item's 7 days; SS = z sqrt(7 * 440/9) = 30.428557,
--        ROP = 28 + SS = 58.428557; position 100 - 40 reserved = 60: no order.
--        Every line filled at entry: no flag.
--   JAM: demand 25, 5, 30: mean 6, sd sqrt((1550 - 360) / 9) = 11.498792207106893;
--        lead times 10, 14, 18: mean 14, sd 4; SS = z sqrt(14 * 1190/9 + 36 * 16) = 81.034897,
--        ROP = 84 + SS = 165.034897; position 50 on hand - 50 reserved - 10 waiting = -10:
--        order ceil(175.034897) = 176. No line filled in either half: flagged, and the one
--        receipt of the window (C) was 8 days late: supplier late.
--   OIL: demand 3, 2: mean 0.5, sd sqrt((13 - 2.5) / 9) = 1.0801234497346434; lead time 5;
--        SS = z sqrt(5 * 10.5/9) = 3.972699, ROP = 2.5 + SS = 6.472699; position -5:
--        order ceil(11.472699) = 12. Flagged with no late supplier: demand above forecast.
SELECT sku, location,
       demand_mean, round(demand_sd::numeric, 12) AS demand_sd,
       lead_time_mean, lead_time_sd, lead_time_source,
       safety_stock, reorder_point, on_hand, on_order, reserved, waiting, inventory_position,
       order_now, order_qty, line_fill_rate, high_backorder_rate, likely_cause
  FROM backorder.replenishment_advice(history_days => 10);

-- 99% over twenty days (z = 2.3263478740408408); the older ten days had no orders, so no
-- flag. TEA: mean 2, variance 520/19, SS = z sqrt(7 * 520/19) = 32.199457, ROP 46.199457.
-- JAM: mean 3, variance 1370/19, SS = z sqrt(14 * 1370/19 + 9 * 16) = 79.009353,
-- ROP 121.009353, order ceil(131.009353) = 132. OIL: mean 0.25, variance 11.75/19,
-- SS = 4.090739, ROP 5.340739, order ceil(10.340739) = 11.
SELECT sku, demand_mean, round(demand_sd::numeric, 12) AS demand_sd, safety_stock,
       reorder_point, order_now, order_qty, line_fill_rate, high_backorder_rate, likely_cause
  FROM backorder.replenishment_advice(0.99, 20);

-- As of 03-27 over five days (03-22 .. 03-26): JAM's lead time comes from A and B only
-- (10 and 14 days: mean 12, sd sqrt(8) = 2.828427); demand 25 + 5 over 5 days, mean 6.
SELECT sku, demand_mean, lead_time_mean, round(lead_time_sd::numeric, 6) AS lead_time_sd,
       lead_time_source
  FROM backorder.replenishment_advice(0.95, 5, '2026-03-27');

-- Clear errors outside the domain.
\set SHOW_CONTEXT never
SELECT * FROM backorder.replenishment_advice(1);
SELECT * FROM backorder.replenishment_advice(95);
SELECT * FROM backorder.replenishment_advice(0.95, 1);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM backorder.replenishment_advice(NULL);
\echo :LAST_ERROR_SQLSTATE

SELECT * FROM backorder.check();
DROP EXTENSION pg_backorder;
