-- Promises follow every change: supply slips, priorities, quantities.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';

INSERT INTO backorder.item (sku, lead_time_days) VALUES ('SOFA', 40);
INSERT INTO backorder.supply (sku, qty, expected_date, supplier) VALUES
    ('SOFA', 2, '2026-03-10', 'Upholstery Ltd'),
    ('SOFA', 2, '2026-03-24', 'Upholstery Ltd');
INSERT INTO backorder.order_line (order_ref, sku, qty) VALUES
    ('R-1', 'SOFA', 2), ('R-2', 'SOFA', 2), ('R-3', 'SOFA', 1);
SELECT line_id, order_ref, status, promised_date FROM backorder.order_line ORDER BY line_id;

-- The supplier slips the first delivery by two weeks.
UPDATE backorder.supply SET expected_date = '2026-03-31' WHERE supply_id = 1;
SELECT line_id, order_ref, status, promised_date FROM backorder.order_line ORDER BY line_id;

-- A key account jumps the queue.
INSERT INTO backorder.order_line (order_ref, sku, qty, priority) VALUES ('VIP', 'SOFA', 2, 10);
SELECT queue_position, order_ref, qty_waiting, promised_date
  FROM backorder.queue ORDER BY queue_position;

-- R-3 is raised to top priority; VIP lowers its quantity.
UPDATE backorder.order_line SET priority = 1 WHERE order_ref = 'R-3';
UPDATE backorder.order_line SET qty = 1 WHERE order_ref = 'VIP';
SELECT queue_position, order_ref, qty_waiting, promised_date
  FROM backorder.queue ORDER BY queue_position;

-- Supply is cut, then removed: the lead time takes over.
UPDATE backorder.supply SET qty = 1 WHERE supply_id = 2;
DELETE FROM backorder.supply WHERE supply_id = 1;
SELECT queue_position, order_ref, qty_waiting, promised_date
  FROM backorder.queue ORDER BY queue_position;

SELECT event_id, kind, line_id, qty, old_date, new_date
  FROM backorder.event WHERE kind IN ('promise_changed', 'backordered') ORDER BY event_id;

-- The engine's columns and a line's identity cannot be changed directly.
UPDATE backorder.order_line SET status = 'shipped' WHERE line_id = 1;
UPDATE backorder.order_line SET qty_allocated = 2 WHERE line_id = 1;
UPDATE backorder.order_line SET promised_date = '2026-03-03' WHERE line_id = 1;
UPDATE backorder.order_line SET sku = 'CHAIR' WHERE line_id = 1;
UPDATE backorder.order_line SET qty = 0 WHERE line_id = 1;
UPDATE backorder.supply SET qty_received = 2 WHERE supply_id = 2;
UPDATE backorder.stock SET on_hand = 100;
INSERT INTO backorder.allocation (line_id, sku, location, qty, reason)
VALUES (1, 'SOFA', 'main', 5, 'allocated');
-- Free-text columns may change at any time.
UPDATE backorder.order_line SET customer = 'Hotel Miramar' WHERE line_id = 1;
SELECT line_id, customer, status FROM backorder.order_line WHERE line_id = 1;

SELECT * FROM backorder.check();
DROP EXTENSION pg_backorder;
