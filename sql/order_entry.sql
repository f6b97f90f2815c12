-- Order entry: reserve what is available now, queue the rest with a promise.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';

INSERT INTO backorder.item (sku, description, lead_time_days) VALUES
    ('MUG', 'Stoneware mug', 10),
    ('TEA', 'Loose tea by the kilogram', 20);
INSERT INTO backorder.item (sku, description, backorderable) VALUES
    ('LTD', 'Limited edition print', false);

-- Stock arrives: 10 mugs, 2.5 kg of tea, 3 prints.
INSERT INTO backorder.receipt (sku, qty) VALUES ('MUG', 10), ('TEA', 2.5), ('LTD', 3);
-- Supply due on 2026-03-10 (6 mugs) and 2026-03-20 (5 mugs).
INSERT INTO backorder.supply (sku, qty, expected_date, supplier) VALUES
    ('MUG', 6, '2026-03-10', 'Kiln & Co'),
    ('MUG', 5, '2026-03-20', 'Kiln & Co');

-- Fully reserved, partly reserved, waiting on supply, waiting on lead time.
INSERT INTO backorder.order_line (order_ref, sku, qty, channel) VALUES
    ('SO-1', 'MUG', 4, 'dtc'),
    ('SO-2', 'MUG', 8, 'wholesale'),
    ('SO-3', 'MUG', 3, 'dtc'),
    ('SO-4', 'MUG', 5, 'dtc');
SELECT line_id, order_ref, qty, qty_allocated, status, promised_date
  FROM backorder.order_line ORDER BY line_id;

-- A future request is promised no earlier than requested.
INSERT INTO backorder.order_line (order_ref, sku, qty, requested_date)
VALUES ('SO-5', 'TEA', 0.75, '2026-04-01');
SELECT line_id, qty, qty_allocated, status, promised_date
  FROM backorder.order_line WHERE sku = 'TEA';

-- Not backorderable: reserve in full or record the lost demand.
INSERT INTO backorder.order_line (order_ref, sku, qty) VALUES ('SO-6', 'LTD', 2), ('SO-7', 'LTD', 2);
SELECT line_id, qty, qty_allocated, status, promised_date
  FROM backorder.order_line WHERE sku = 'LTD' ORDER BY line_id;

-- COPY goes through the same triggers.
COPY backorder.order_line (order_ref, sku, qty) FROM stdin;
SO-8	TEA	1.25
SO-9	TEA	1
\.
SELECT line_id, qty, qty_allocated, status, promised_date
  FROM backorder.order_line WHERE sku = 'TEA' ORDER BY line_id;

SELECT sku, location, on_hand, allocated, available, backordered, on_order, atp
  FROM backorder.stock_position ORDER BY sku;

SELECT event_id, kind, line_id, sku, qty, receipt_id, old_date, new_date
  FROM backorder.event ORDER BY event_id;

-- What each line could be served at entry is kept for history.
INSERT INTO backorder.receipt (sku, qty) VALUES ('TEA', 0.5);
SELECT line_id, qty, qty_allocated, qty_allocated_at_entry, status
  FROM backorder.order_line WHERE sku IN ('TEA', 'LTD') ORDER BY line_id;

-- The outbox is history: rows cannot be deleted or changed.
DELETE FROM backorder.event WHERE event_id = 1;
UPDATE backorder.event SET qty = 0 WHERE event_id = 1;

-- Bad input is refused and changes nothing.
INSERT INTO backorder.order_line (sku, qty) VALUES ('NOPE', 1);
INSERT INTO backorder.order_line (sku, qty) VALUES ('MUG', 0);
INSERT INTO backorder.order_line (sku, qty) VALUES ('MUG', -2);
INSERT INTO backorder.order_line (sku, qty) VALUES ('MUG', 'NaN');
INSERT INTO backorder.order_line (sku, qty) VALUES ('MUG', 1.0000001);
INSERT INTO backorder.order_line (sku, qty) VALUES ('MUG', 1e15);
INSERT INTO backorder.order_line (sku, qty) VALUES ('MUG', NULL);
INSERT INTO backorder.order_line (sku, qty, status) VALUES ('MUG', 1, 'allocated');
INSERT INTO backorder.order_line (sku, qty, qty_allocated) VALUES ('MUG', 1, 1);
INSERT INTO backorder.order_line (sku, qty, qty_allocated_at_entry) VALUES ('MUG', 1, 1);
INSERT INTO backorder.order_line (sku, qty, requested_date, cancel_after)
VALUES ('MUG', 1, '2026-03-10', '2026-03-05');
-- One bad row fails the whole statement.
INSERT INTO backorder.order_line (sku, qty) VALUES ('MUG', 1), ('MUG', -1);
SELECT count(*) AS lines FROM backorder.order_line;

SELECT * FROM backorder.check();
DROP EXTENSION pg_backorder;
