-- Back-order history from a scripted January to March: rates at entry, aging, fill times,
-- promises, suppliers and daily snapshots, each checked against figures worked out by hand.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-01-05';

-- MUG waits for supply, VASE is not backorderable, BOWL waits for a far-off purchase order.
INSERT INTO backorder.item (sku, lead_time_days, backorderable) VALUES
    ('MUG', 10, true), ('VASE', 14, false), ('BOWL', 60, true);
INSERT INTO backorder.supply (sku, qty, expected_date, supplier, reference) VALUES
    ('MUG', 10, '2026-01-15', 'Acme', 'PO-1'),
    ('VASE', 10, '2026-01-26', 'Acme', 'PO-2'),
    ('BOWL', 100, '2026-06-30', 'Cora', 'PO-3');
INSERT INTO backorder.receipt (sku, qty) VALUES ('VASE', 5);

-- 01-05: lines 1 and 2 wait for PO-1 (line 2 is requested for 01-25), line 3 is served,
-- line 4 finds 3 VASE left for 5 and is lost, line 5 waits for PO-3.
INSERT INTO backorder.order_line (order_ref, sku, qty, channel) VALUES ('R-1', 'MUG', 4, 'retail');
INSERT INTO backorder.order_line (order_ref, sku, qty, channel, requested_date)
VALUES ('W-1', 'MUG', 3, 'web', '2026-01-25');
INSERT INTO backorder.order_line (order_ref, sku, qty, channel) VALUES ('W-2', 'VASE', 2, 'web');
INSERT INTO backorder.order_line (order_ref, sku, qty, channel) VALUES ('R-2', 'VASE', 5, 'retail');
INSERT INTO backorder.order_line (order_ref, sku, qty, channel) VALUES ('R-3', 'BOWL', 1, 'retail');
SELECT line_id, sku, status, qty_at_entry, qty_allocated_at_entry, promised_date_at_entry,
       entered_on
  FROM backorder.order_line ORDER BY line_id;

SET backorder.today = '2026-01-09';
INSERT INTO backorder.order_line (order_ref, sku, qty, channel) VALUES ('W-3', 'BOWL', 2, 'web');

-- 01-12: line 7 gets the last 3 of PO-1 and 2 at lead time (01-22), after its window ends.
SET backorder.today = '2026-01-12';
INSERT INTO backorder.order_line (order_ref, sku, qty, channel, cancel_after)
VALUES ('R-4', 'MUG', 5, 'retail', '2026-01-20');
-- End of day, twice: one row per sku and location.
--   BOWL: nothing on hand, lines 5 and 6 wait for 3 units, PO-3 100 on order, oldest 7 days.
--   MUG: lines 1, 2, 7 wait for 4 + 3 + 5 = 12, PO-1 10 on order, oldest 7, line 7 at risk.
--   VASE: 5 on hand, 2 reserved, PO-2 10 on order, nothing waits.
SELECT backorder.snapshot();
SELECT backorder.snapshot();
SELECT day, sku, location, on_hand, reserved, lines_waiting, units_waiting, on_order,
       oldest_wait_days, lines_at_risk
  FROM backorder.daily_position ORDER BY day, sku, location;

-- 01-15: the supplier slips PO-1 to 01-19. Line 1 moves 01-15 -> 01-19, line 7 moves
-- 01-22 -> 01-25 (lead time now ends 01-25); line 2 keeps its requested 01-25.
SET backorder.today = '2026-01-15';
UPDATE backorder.supply SET expected_date = '2026-01-19' WHERE reference = 'PO-1';

-- 01-20: PO-1 arrives, 5 days late (15 days after ordering). Lines 1 and 2 fill (line 1 is
-- promised today, 01-20), line 7 gets 3 and waits for 2 until 01-30. PO-4 is ordered.
SET backorder.today = '2026-01-20';
INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('MUG', 10, 1);
INSERT INTO backorder.supply (sku, qty, expected_date, supplier, reference)
VALUES ('MUG', 20, '2026-01-30', 'Brio', 'PO-4');
--   MUG: 10 on hand, all reserved, line 7 waits for 2, PO-4 20 on order, oldest 8, at risk 1.
--   BOWL as on 01-12 but oldest 15 days; VASE unchanged.
SELECT backorder.snapshot();
SELECT day, sku, location, on_hand, reserved, lines_waiting, units_waiting, on_order,
       oldest_wait_days, lines_at_risk
  FROM backorder.daily_position WHERE day = '2026-01-20' ORDER BY sku, location;

-- 01-21: line 1 ships; line 8 waits for PO-4 and is cancelled on 01-25.
SET backorder.today = '2026-01-21';
SELECT line_id, status FROM backorder.ship(1);
INSERT INTO backorder.order_line (order_ref, sku, qty, channel) VALUES ('W-4', 'MUG', 2, 'web');
SET backorder.today = '2026-01-25';
SELECT line_id, status FROM backorder.cancel(8);

-- 01-26: PO-2 brings 8 of 10 VASE on time; the planner closes it short.
SET backorder.today = '2026-01-26';
INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('VASE', 8, 2);
UPDATE backorder.supply SET qty = 8 WHERE reference = 'PO-2';

-- 01-28: PO-4 arrives 2 days early; line 7 fills, promised today instead of 01-30.
SET backorder.today = '2026-01-28';
INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('MUG', 20, 4);

-- 01-29: 26 on hand, 8 reserved: line 9 takes 1, line 10 takes 17 of 20 and waits for 3.
SET backorder.today = '2026-01-29';
INSERT INTO backorder.order_line (order_ref, sku, qty, channel) VALUES ('R-5', 'MUG', 1, 'retail');
INSERT INTO backorder.order_line (order_ref, sku, qty, channel) VALUES ('R-6', 'MUG', 20, 'retail');

SET backorder.today = '2026-02-01';
INSERT INTO backorder.supply (sku, qty, expected_date, supplier, reference)
VALUES ('VASE', 4, '2026-03-01', 'Cora', 'PO-5');

-- BOWL lines entered on the edges of the aging buckets as seen from 03-10.
SET backorder.today = '2026-02-08';
INSERT INTO backorder.order_line (order_ref, sku, qty, channel) VALUES ('R-7', 'BOWL', 3, 'retail');
SET backorder.today = '2026-02-24';
INSERT INTO backorder.order_line (order_ref, sku, qty, channel) VALUES ('R-8', 'BOWL', 4, 'retail');
SET backorder.today = '2026-03-02';
INSERT INTO backorder.order_line (order_ref, sku, qty, channel) VALUES ('R-9', 'BOWL', 5, 'retail');
SET backorder.today = '2026-03-03';
INSERT INTO backorder.order_line (order_ref, sku, qty, channel)
VALUES ('R-10', 'BOWL', 6, 'retail');
SET backorder.today = '2026-03-10';
INSERT INTO backorder.order_line (order_ref, sku, qty, channel)
VALUES ('R-11', 'BOWL', 7, 'retail');

-- Back-order rate per day, sku and channel. By hand:
--   01-05 MUG retail (line 1) and web (line 2): all waited, rate 1.
--   01-05 VASE web (line 3): filled; VASE retail (line 4): lost, 5 units.
--   01-29 MUG retail (lines 9 and 10): 2 lines, 21 units, 1 back-ordered with 3 units,
--   line fill 1/2, unit fill 18/21 = 0.8571, rate 1/2. Every BOWL line waited.
SELECT day, sku, location, channel, lines_entered, units_entered, lines_backordered,
       units_backordered, lines_lost, units_lost, line_fill_rate, unit_fill_rate,
       backorder_rate
  FROM backorder.backorder_rate ORDER BY day, sku, location, channel;
-- A monthly roll-up is a GROUP BY away: January MUG 6 lines, 5 back-ordered = 0.8333.
SELECT date_trunc('month', day)::date AS month, sku,
       sum(lines_entered) AS lines, sum(lines_backordered) AS backordered,
       sum(lines_lost) AS lost,
       round(sum(lines_backordered)::numeric / sum(lines_entered), 4) AS backorder_rate
  FROM backorder.backorder_rate GROUP BY 1, 2 ORDER BY 1, 2;

-- Aging on 03-10: BOWL retail 0-7: 03-03 (7 days, 6) and 03-10 (0 days, 7); 8-14: 02-24
-- (14 days, 4) and 03-02 (8 days, 5); 15-30: 02-08 (30 days); web 31-60: 01-09 (60 days);
-- over 60: 01-05 (64 days). MUG retail 31-60: line 10, 3 units, 40 days.
SELECT sku, location, channel, age_bucket, bucket_start_days, lines_waiting, units_waiting,
       oldest_days
  FROM backorder.backorder_aging ORDER BY sku, location, channel, bucket_start_days;
SELECT line_id, days_waiting FROM backorder.queue WHERE sku = 'MUG';

-- Back orders one by one. By hand:
--   1: promised 01-15, moved to 01-19 and 01-20 (two delays), filled 01-20 after 15 days,
--      5 days past the promise, after the requested 01-05.
--   2: promised its requested 01-25 throughout, filled 01-20: 5 days early, on time.
--   7: promised 01-22, moved to 01-25, 01-30 (delays) and 01-28 (earlier), filled 01-28
--      after 16 days, 6 days past the first promise.
--   8: cancelled. 10 and the BOWL lines still wait.
SELECT line_id, sku, channel, entered_on, units_entered, units_backordered, outcome,
       first_promised_date, promised_date, times_repromised, times_delayed, filled_on,
       days_to_fill, on_time_to_promise, on_time_to_request, days_past_promise
  FROM backorder.backorder_history ORDER BY line_id;

-- January MUG: fill times 15, 15, 16: mean 15.33, median 15,
-- 90th percentile 15 + 0.8 * (16 - 15) = 15.8.
SELECT month, sku, location, back_orders_filled, mean_days, median_days, p90_days, max_days
  FROM backorder.time_to_fill ORDER BY month, sku, location;
-- January MUG: 3 filled, line 2 on time to promise and request (1/3), lines 1 and 7
-- re-promised (2/3) with 2 + 3 = 5 moves, 4 of them later.
SELECT month, sku, location, back_orders_filled, lines_on_time_to_promise,
       on_time_to_promise_rate, lines_on_time_to_request, on_time_to_request_rate,
       lines_repromised, repromised_rate, promise_changes, promise_delays
  FROM backorder.promise_accuracy ORDER BY month, sku, location;

-- Receipts against supply. By hand:
--   2 (PO-1): ordered 01-05, first expected 01-15, received 01-20: lead time 15, 5 days late.
--      It filled lines 1 (4 units, waited 15 days), 2 (3, 15) and 7 (3, 8):
--      4*15 + 3*15 + 3*8 = 129 unit-days, of which after 01-15: 4*5 + 3*5 + 3*5 = 50.
--   3 (PO-2): lead time 21, on time, filled nothing.
--   4 (PO-4): ordered 01-20, expected 01-30, received 01-28: lead time 8, 2 days early;
--      filled line 7 (2 units, waited 16 days): 32 unit-days, none late.
SELECT receipt_id, supply_id, supplier, reference, sku, ordered_on, expected_date, received_on,
       qty, lead_time_days, days_late, on_time, back_order_units_filled, waiting_unit_days,
       late_unit_days
  FROM backorder.supplier_receipts ORDER BY receipt_id;
-- Acme: lead times 15 and 21 (mean 18, sd sqrt(18) = 4.24), late 5 and 0 (mean 2.5),
--   on time 1 of 2; PO-1 10 of 10 and PO-2 8 of 10 (closed short): accuracy 0.9, 1 in full.
-- Brio: one receipt, lead time 8, 2 days early, 20 of 20.
-- Cora: no receipts; PO-3 (100) and PO-5 (4, expected 03-01, overdue) open.
SELECT supplier, receipts, units_received, lead_time_mean_days, lead_time_sd_days,
       mean_days_late, on_time_rate, supply_lines_closed, supply_lines_in_full,
       quantity_accuracy, supply_lines_open, units_on_order, units_overdue,
       back_order_units_filled, waiting_unit_days, late_unit_days
  FROM backorder.supplier_performance ORDER BY supplier;
SELECT supply_id, qty, expected_date, qty_at_order, expected_date_at_order, ordered_on
  FROM backorder.supply ORDER BY supply_id;

-- The close of 03-10:
--   BOWL: 7 lines wait for 28 units, oldest 64 days. MUG: 26 on hand, all reserved (3 + 5 +
--   1 + 17), line 10 waits for 3, 40 days. VASE: 13 on hand, 2 reserved, PO-5 4 on order.
SELECT backorder.snapshot();
SELECT day, sku, location, on_hand, reserved, lines_waiting, units_waiting, on_order,
       oldest_wait_days, lines_at_risk
  FROM backorder.daily_position WHERE day = '2026-03-10' ORDER BY sku, location;
SELECT day, count(*) FROM backorder.daily_position GROUP BY day ORDER BY day;

-- History cannot be rewritten: entry columns and first supply terms are kept.
INSERT INTO backorder.order_line (sku, qty, entered_on) VALUES ('MUG', 1, '2026-03-01');
INSERT INTO backorder.order_line (sku, qty, qty_at_entry) VALUES ('MUG', 1, 1);
INSERT INTO backorder.order_line (sku, qty, promised_date_at_entry) VALUES ('MUG', 1, '2026-03-20');
UPDATE backorder.order_line SET entered_on = '2026-01-01' WHERE line_id = 1;
UPDATE backorder.order_line SET qty_at_entry = 40 WHERE line_id = 1;
UPDATE backorder.order_line SET promised_date_at_entry = '2026-01-20' WHERE line_id = 1;
UPDATE backorder.supply SET expected_date_at_order = '2026-01-19' WHERE supply_id = 1;
UPDATE backorder.supply SET qty_at_order = 8 WHERE supply_id = 2;
INSERT INTO backorder.supply (sku, qty, expected_date, qty_at_order)
VALUES ('MUG', 5, '2026-04-01', 0);
INSERT INTO backorder.receipt (sku, qty, received_on) VALUES ('MUG', 1, '2026-03-11');
-- Moving a supply's current terms and changing an open line's qty keep the history.
UPDATE backorder.supply SET expected_date = '2026-03-20' WHERE supply_id = 5;
UPDATE backorder.order_line SET qty = 19 WHERE line_id = 10;
SELECT line_id, qty, qty_at_entry, qty_allocated_at_entry, status
  FROM backorder.order_line WHERE line_id = 10;
SELECT supply_id, expected_date, expected_date_at_order FROM backorder.supply WHERE supply_id = 5;
-- Supply imported with its original terms keeps them.
INSERT INTO backorder.supply (sku, qty, expected_date, supplier, reference, ordered_on,
                              qty_at_order, expected_date_at_order)
VALUES ('BOWL', 50, '2026-04-15', 'Cora', 'PO-6', '2026-02-15', 60, '2026-04-01');
SELECT reference, qty, expected_date, ordered_on, qty_at_order, expected_date_at_order
  FROM backorder.supply WHERE reference = 'PO-6';

SELECT * FROM backorder.check();
DROP EXTENSION pg_backorder;
