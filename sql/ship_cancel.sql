-- Shipping, cancelling and deleting lines; released stock flows to the queue.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';

INSERT INTO backorder.item (sku) VALUES ('BAG');
INSERT INTO backorder.receipt (sku, qty) VALUES ('BAG', 10);
INSERT INTO backorder.order_line (order_ref, sku, qty, ship_complete) VALUES
    ('S-1', 'BAG', 4, false),
    ('S-2', 'BAG', 5, false),
    ('S-3', 'BAG', 4, true),
    ('S-4', 'BAG', 2, false);
SELECT line_id, order_ref, qty_allocated, status FROM backorder.order_line ORDER BY line_id;

-- Ship part of S-1, then the rest by default.
SELECT line_id, qty_allocated, qty_shipped, status FROM backorder.ship(1, 1.5);
SELECT line_id, qty_allocated, qty_shipped, status FROM backorder.ship(1);

-- Errors: too much, not complete, not reserved, unknown line, bad quantity.
SELECT backorder.ship(2, 6);
SELECT backorder.ship(3);
SELECT backorder.ship(4);
SELECT backorder.ship(99);
SELECT backorder.ship(2, -1);
SELECT backorder.ship(1);

-- Cancelling S-2 frees 5: S-3 completes, S-4 gets 1.
SELECT line_id, qty_allocated, status FROM backorder.cancel(2);
SELECT line_id, order_ref, qty_allocated, status FROM backorder.order_line ORDER BY line_id;
SELECT backorder.cancel(2);

-- Ship-complete ships whole.
SELECT backorder.ship(3, 2);
SELECT line_id, qty_shipped, status FROM backorder.ship(3);

-- Deleting a line releases what it held.
INSERT INTO backorder.receipt (sku, qty) VALUES ('BAG', 1);
INSERT INTO backorder.order_line (order_ref, sku, qty) VALUES ('S-5', 'BAG', 3);
DELETE FROM backorder.order_line WHERE order_ref = 'S-4';
SELECT line_id, order_ref, qty_allocated, status FROM backorder.order_line ORDER BY line_id;

SELECT sku, on_hand, allocated, available, backordered FROM backorder.stock_position;
SELECT event_id, kind, line_id, qty FROM backorder.event ORDER BY event_id;
SELECT shipment_id, line_id, qty FROM backorder.shipment ORDER BY shipment_id;

SELECT * FROM backorder.check();
DROP EXTENSION pg_backorder;
