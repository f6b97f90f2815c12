-- Queue rank per allocation rule: fifo, due_date and window.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';

INSERT INTO backorder.item (sku, allocation_rule) VALUES
    ('FIFO', 'fifo'), ('DUE', 'due_date'), ('WIN', 'window');

-- The same five lines for each rule, entered in this order.
INSERT INTO backorder.order_line (order_ref, sku, qty, priority, requested_date, cancel_after)
SELECT ref, sku, 1, priority, requested::date, cancel_after::date
  FROM (VALUES ('L1', 100, '2026-03-20', NULL),
               ('L2', 100, '2026-03-05', '2026-03-25'),
               ('L3', 50,  '2026-03-30', NULL),
               ('L4', 100, '2026-03-10', '2026-03-12'),
               ('L5', 100, '2026-03-05', NULL)) AS v(ref, priority, requested, cancel_after),
       (VALUES ('FIFO'), ('DUE'), ('WIN')) AS s(sku)
 ORDER BY sku, ref;

SELECT sku, queue_position, order_ref, priority, requested_date, cancel_after
  FROM backorder.queue ORDER BY sku, queue_position;

-- Receipts of two units serve the first two of each queue.
INSERT INTO backorder.receipt (sku, qty) VALUES ('FIFO', 2), ('DUE', 2), ('WIN', 2);
SELECT sku, order_ref, status FROM backorder.order_line
 WHERE status = 'allocated' ORDER BY sku, order_ref;

-- Changing the rule re-ranks what still waits.
UPDATE backorder.item SET allocation_rule = 'due_date' WHERE sku = 'FIFO';
SELECT sku, queue_position, order_ref FROM backorder.queue WHERE sku = 'FIFO'
 ORDER BY queue_position;
UPDATE backorder.item SET allocation_rule = 'lifo' WHERE sku = 'FIFO';

SELECT * FROM backorder.check();
DROP EXTENSION pg_backorder;
