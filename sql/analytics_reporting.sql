-- The reporting role reads every analytics view and function, and writes nothing.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';

INSERT INTO backorder.item (sku, lead_time_days) VALUES ('CUP', 10);
INSERT INTO backorder.supply (sku, qty, expected_date, supplier)
VALUES ('CUP', 5, '2026-03-05', 'Acme');
INSERT INTO backorder.order_line (sku, qty, channel) VALUES ('CUP', 3, 'retail');
SET backorder.today = '2026-03-04';
INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('CUP', 5, 1);
-- 2 of 5 left: this line waits for 2.
INSERT INTO backorder.order_line (sku, qty, channel) VALUES ('CUP', 4, 'retail');
SELECT backorder.snapshot();

-- SELECT on the schema's tables and views, EXECUTE on the read-only functions.
CREATE ROLE regress_backorder_reader NOLOGIN;
SELECT backorder.grant_reporting('regress_backorder_reader');

SET ROLE regress_backorder_reader;
SELECT count(*) AS rate_rows FROM backorder.backorder_rate;
SELECT count(*) AS aging_rows FROM backorder.backorder_aging;
SELECT count(*) AS history_rows FROM backorder.backorder_history;
SELECT count(*) AS fill_rows FROM backorder.time_to_fill;
SELECT count(*) AS promise_rows FROM backorder.promise_accuracy;
SELECT count(*) AS receipt_rows FROM backorder.supplier_receipts;
SELECT count(*) AS supplier_rows FROM backorder.supplier_performance;
SELECT count(*) AS position_rows FROM backorder.daily_position;
SELECT count(*) AS stock_rows FROM backorder.stock_position;
SELECT count(*) AS queue_rows FROM backorder.queue;
-- 3 ordered in 90 days (mean 1/30, variance (9 - 0.1) / 89 = 0.1), lead time 10 days (the
-- receipt of today is not history yet): ROP = 1/3 + 1.6448536 * sqrt(10 * 0.1) = 1.978187;
-- position 5 - 5 reserved - 2 waiting = -2: order ceil(3.978187) = 4.
SELECT sku, reorder_point, inventory_position, order_now, order_qty
  FROM backorder.replenishment_advice();
SELECT round(backorder.safety_stock(0.95, 20, 5, 9, 2)::numeric, 6) AS safety_stock;
-- Writing is refused.
\set SHOW_CONTEXT never
SELECT backorder.snapshot();
INSERT INTO backorder.order_line (sku, qty) VALUES ('CUP', 1);
RESET ROLE;

DROP OWNED BY regress_backorder_reader;
DROP ROLE regress_backorder_reader;

SELECT * FROM backorder.check();
DROP EXTENSION pg_backorder;
