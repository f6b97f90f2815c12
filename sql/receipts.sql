-- Receipts fill the queue in rank order, in the same transaction.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';

INSERT INTO backorder.item (sku, lead_time_days) VALUES ('CUP', 30);
INSERT INTO backorder.supply (sku, qty, expected_date, supplier, reference) VALUES
    ('CUP', 10, '2026-03-09', 'Acme', 'PO-1'),
    ('CUP', 10, '2026-03-16', 'Acme', 'PO-2');

-- Four lines wait; the third ships complete only.
INSERT INTO backorder.order_line (order_ref, sku, qty, ship_complete) VALUES
    ('A', 'CUP', 3, false),
    ('B', 'CUP', 4, false),
    ('C', 'CUP', 6, true),
    ('D', 'CUP', 2, false);
SELECT line_id, order_ref, queue_position, qty_waiting, qty_allocated, promised_date, at_risk
  FROM backorder.queue ORDER BY sku, queue_position;

-- Part of PO-1 arrives: 8 units. A and B fill, C accumulates 1 of 6.
BEGIN;
INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('CUP', 8, 1);
SELECT line_id, order_ref, qty_allocated, status, promised_date
  FROM backorder.order_line ORDER BY line_id;
COMMIT;
SELECT supply_id, qty, qty_received FROM backorder.supply ORDER BY supply_id;

-- Two receipts in one statement: the rest of PO-1 and 3 units unannounced.
-- C completes from both (and only now is ready); D still waits.
INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('CUP', 2, 1), ('CUP', 3, NULL);
SELECT line_id, order_ref, qty_allocated, status, promised_date
  FROM backorder.order_line ORDER BY line_id;

-- A receipt beyond the open quantity closes the supply; the excess is stock.
INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('CUP', 12, 2);
SELECT supply_id, qty, qty_received FROM backorder.supply ORDER BY supply_id;
SELECT sku, on_hand, allocated, available, backordered, on_order, atp
  FROM backorder.stock_position;

SELECT allocation_id, line_id, qty, reason, receipt_id
  FROM backorder.allocation ORDER BY allocation_id;
SELECT event_id, kind, line_id, qty, receipt_id, old_date, new_date
  FROM backorder.event ORDER BY event_id;

-- Receipts are append-only, and must match their supply.
INSERT INTO backorder.item (sku) VALUES ('SAUCER');
INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('SAUCER', 1, 2);
INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('CUP', 1, 999);
INSERT INTO backorder.receipt (sku, qty) VALUES ('CUP', 0);
UPDATE backorder.receipt SET qty = 100;
DELETE FROM backorder.receipt;
TRUNCATE backorder.receipt;
SELECT count(*) AS receipts, sum(qty) AS received FROM backorder.receipt;

SELECT * FROM backorder.check();
DROP EXTENSION pg_backorder;
