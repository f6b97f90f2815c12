-- backorder.check() reports each broken invariant: the state is broken on
-- purpose with the engine's triggers off (session_replication_role = replica)
-- and every change is rolled back.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';

INSERT INTO backorder.item (sku) VALUES ('CUP');
INSERT INTO backorder.receipt (sku, qty) VALUES ('CUP', 10);
INSERT INTO backorder.supply (sku, qty, expected_date) VALUES ('CUP', 20, '2026-03-20');
INSERT INTO backorder.order_line (order_ref, sku, qty, requested_date) VALUES
    ('C-1', 'CUP', 4, '2026-03-02'),
    ('C-2', 'CUP', 10, '2026-03-05'),
    ('C-3', 'CUP', 3, '2026-03-02');
SELECT line_id, qty_shipped, status FROM backorder.ship(1, 2);
SELECT backorder.adjust('CUP', 'main', 1, 'found one');
SELECT line_id, qty, qty_allocated, qty_shipped, status, promised_date
  FROM backorder.order_line ORDER BY line_id;
SELECT sku, on_hand, allocated, backordered FROM backorder.stock;

-- Healthy: nothing to report.
SELECT * FROM backorder.check();

-- Stock rows that disagree with the lines, the ledger and the counts.
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE backorder.stock SET allocated = -1;
SELECT * FROM backorder.check();
ROLLBACK;

BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE backorder.stock SET on_hand = 5;
SELECT * FROM backorder.check();
ROLLBACK;

BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE backorder.stock SET backordered = backordered + 1;
SELECT * FROM backorder.check();
ROLLBACK;

-- Stock on the shelf that nobody gets while lines wait (the count agrees).
BEGIN;
SET LOCAL session_replication_role = replica;
INSERT INTO backorder.adjustment (sku, location, delta) VALUES ('CUP', 'main', 2);
UPDATE backorder.stock SET on_hand = on_hand + 2;
SELECT * FROM backorder.check();
ROLLBACK;

-- A receipt the engine never saw.
BEGIN;
SET LOCAL session_replication_role = replica;
INSERT INTO backorder.receipt (sku, qty) VALUES ('CUP', 3);
SELECT * FROM backorder.check();
ROLLBACK;

-- A missing stock row.
BEGIN;
SET LOCAL session_replication_role = replica;
DELETE FROM backorder.stock;
SELECT * FROM backorder.check();
ROLLBACK;

-- A line holding more than the books say.
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE backorder.order_line SET qty_allocated = qty_allocated + 1 WHERE line_id = 2;
SELECT * FROM backorder.check();
ROLLBACK;

-- A ledger entry without a reservation behind it.
BEGIN;
SET LOCAL session_replication_role = replica;
INSERT INTO backorder.allocation (line_id, sku, location, qty, reason)
VALUES (3, 'CUP', 'main', 1, 'allocated');
SELECT * FROM backorder.check();
ROLLBACK;

-- A shipment the line does not know of.
BEGIN;
SET LOCAL session_replication_role = replica;
INSERT INTO backorder.shipment (line_id, sku, location, qty) VALUES (1, 'CUP', 'main', 1);
SELECT * FROM backorder.check();
ROLLBACK;

-- A status that does not match the quantities.
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE backorder.order_line SET status = 'allocated' WHERE line_id = 3;
SELECT * FROM backorder.check();
ROLLBACK;

-- A cancelled line still holding stock.
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE backorder.order_line SET status = 'cancelled' WHERE line_id = 1;
SELECT * FROM backorder.check();
ROLLBACK;

-- Promises: missing, and before the requested date.
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE backorder.order_line SET promised_date = NULL WHERE line_id = 1;
UPDATE backorder.order_line SET promised_date = '2026-03-01' WHERE line_id = 3;
SELECT * FROM backorder.check();
ROLLBACK;

-- A deleted line whose reservation was never released.
BEGIN;
SET LOCAL session_replication_role = replica;
DELETE FROM backorder.order_line WHERE line_id = 1;
SELECT * FROM backorder.check();
ROLLBACK;

-- Supply received beyond its receipts.
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE backorder.supply SET qty_received = 1;
SELECT * FROM backorder.check();
ROLLBACK;

-- Quantities out of bounds (the table's own check is dropped for this).
BEGIN;
SET LOCAL session_replication_role = replica;
ALTER TABLE backorder.order_line DROP CONSTRAINT order_line_qty_check;
UPDATE backorder.order_line SET qty_shipped = -1 WHERE line_id = 3;
SELECT * FROM backorder.check();
ROLLBACK;

-- Everything rolled back: healthy again.
SELECT * FROM backorder.check();
DROP EXTENSION pg_backorder;
