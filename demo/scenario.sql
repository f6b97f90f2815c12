-- A narrated morning at a small apparel brand, run by `make demo`.
\set ON_ERROR_STOP on
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';

\echo
\echo '== 1. The catalogue: a t-shirt, a hoodie that sells out, a limited print.'
INSERT INTO backorder.item (sku, description, lead_time_days, allocation_rule) VALUES
    ('TEE-M', 'Organic tee, size M', 21, 'window'),
    ('HOOD-L', 'Hoodie, size L', 35, 'fifo');
INSERT INTO backorder.item (sku, description, backorderable) VALUES
    ('PRINT', 'Limited screen print', false);
SELECT sku, description, backorderable, lead_time_days, allocation_rule FROM backorder.item;

\echo '== 2. Stock on the shelf, and purchase orders on the water.'
INSERT INTO backorder.receipt (sku, qty) VALUES ('TEE-M', 40), ('HOOD-L', 5), ('PRINT', 3);
INSERT INTO backorder.supply (sku, qty, expected_date, supplier, reference) VALUES
    ('TEE-M', 60, '2026-03-09', 'Porto Knits', 'PO-7001'),
    ('TEE-M', 100, '2026-03-30', 'Porto Knits', 'PO-7002'),
    ('HOOD-L', 20, '2026-03-16', 'Fleece & Co', 'PO-7003');
SELECT sku, on_hand, available, on_order, atp FROM backorder.stock_position ORDER BY sku;

\echo '== 3. Before promising a retailer 80 tees, sales asks for a quote.'
SELECT * FROM backorder.promise('TEE-M', 80, priority => 10);

\echo '== 4. Orders arrive. Web orders are small; a department store orders big with'
\echo '      a delivery window; a boutique wants its hoodies all at once.'
INSERT INTO backorder.order_line
       (order_ref, sku, qty, channel, customer, priority, requested_date, cancel_after,
        ship_complete) VALUES
    ('WEB-1001', 'TEE-M', 2, 'dtc', 'a.rossi', 100, '2026-03-02', NULL, false),
    ('WEB-1002', 'HOOD-L', 3, 'dtc', 'j.chen', 100, '2026-03-02', NULL, false),
    ('WH-5001', 'TEE-M', 80, 'wholesale', 'Galeries Nord', 10, '2026-03-10', '2026-03-20', false),
    ('WH-5002', 'HOOD-L', 6, 'wholesale', 'Boutique Lila', 50, '2026-03-05', NULL, true),
    ('WEB-1003', 'TEE-M', 3, 'dtc', 'm.okafor', 100, '2026-03-02', NULL, false),
    ('WEB-1004', 'PRINT', 2, 'dtc', 'k.berg', 100, '2026-03-02', NULL, false),
    ('WEB-1005', 'PRINT', 2, 'dtc', 's.ito', 100, '2026-03-02', NULL, false);
SELECT order_ref, sku, qty, qty_allocated AS reserved, status, promised_date
  FROM backorder.order_line ORDER BY line_id;

\echo '== 5. The back-order queue, in the order it will be served.'
SELECT sku, queue_position AS pos, order_ref, qty_waiting, priority, promised_date,
       cancel_after, at_risk
  FROM backorder.queue ORDER BY sku, queue_position;

\echo '== 6. A warehouse system listens for events. PO-7003 (hoodies) lands early:'
\echo '      one INSERT into backorder.receipt fills the queue in the same transaction.'
LISTEN backorder_event;
INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('HOOD-L', 20, 3);
SELECT order_ref, sku, qty, qty_allocated AS reserved, status, promised_date
  FROM backorder.order_line WHERE sku = 'HOOD-L' ORDER BY line_id;

\echo '== 7. Porto Knits slips PO-7001 by a week: promises move, and say so.'
UPDATE backorder.supply SET expected_date = '2026-03-16' WHERE reference = 'PO-7001';
SELECT event_id, kind, line_id, old_date, new_date
  FROM backorder.event WHERE kind = 'promise_changed' ORDER BY event_id;

\echo '== 8. The warehouse ships what is ready.'
SELECT l.order_ref, s.qty_shipped, s.status
  FROM backorder.order_line l, backorder.ship(l.line_id) s
 WHERE l.status = 'allocated' AND NOT l.ship_complete
 ORDER BY l.line_id;
SELECT line_id, qty_shipped, status FROM backorder.ship(
    (SELECT line_id FROM backorder.order_line WHERE order_ref = 'WH-5002'));

\echo '== 9. The outbox the warehouse system consumed, in order.'
SELECT event_id, kind, line_id, sku, qty, receipt_id, new_date
  FROM backorder.event ORDER BY event_id;

\echo '== 10. Where stock stands now.'
SELECT sku, on_hand, allocated, available, backordered, on_order, atp
  FROM backorder.stock_position ORDER BY sku;
