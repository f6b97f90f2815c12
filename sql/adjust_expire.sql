-- Count corrections and expired delivery windows.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';

INSERT INTO backorder.item (sku, allocation_rule) VALUES ('HAT', 'window');
SELECT backorder.adjust('HAT', 'main', 6, 'initial count');
INSERT INTO backorder.order_line (order_ref, sku, qty, priority, cancel_after) VALUES
    ('H-1', 'HAT', 2, 100, '2026-03-05'),
    ('H-2', 'HAT', 3, 100, NULL),
    ('H-3', 'HAT', 3, 200, '2026-03-04');
SELECT line_id, order_ref, qty_allocated, status, promised_date
  FROM backorder.order_line ORDER BY line_id;

-- Two hats are found damaged: the lowest-ranked reservation gives way.
SELECT backorder.adjust('HAT', 'main', -2, 'damaged');
SELECT line_id, order_ref, qty_allocated, status, promised_date
  FROM backorder.order_line ORDER BY line_id;
-- Three more turn up.
SELECT backorder.adjust('HAT', 'main', 3, 'found in returns');
SELECT line_id, order_ref, qty_allocated, status FROM backorder.order_line ORDER BY line_id;

-- Errors: below zero, zero, unknown sku.
SELECT backorder.adjust('HAT', 'main', -100);
SELECT backorder.adjust('HAT', 'main', 0);
SELECT backorder.adjust('NOPE', 'main', 1);

-- Windows that ended before 2026-03-05 expire; H-1's ends on the 5th.
SELECT backorder.expire('2026-03-05');
SET backorder.today = '2026-03-06';
SELECT backorder.expire();
SELECT line_id, order_ref, qty_allocated, status FROM backorder.order_line ORDER BY line_id;
SELECT event_id, kind, line_id, qty FROM backorder.event ORDER BY event_id;
SELECT adjustment_id, delta, reason FROM backorder.adjustment ORDER BY adjustment_id;

-- backorder.today accepts only dates.
SET backorder.today = 'soon';
SET backorder.today = '';
SELECT backorder.today() = current_date AS today_is_current_date;

SELECT * FROM backorder.check();
DROP EXTENSION pg_backorder;
