-- Order entry of a single line is planned while its row is inserted; every
-- other entry is planned at the end of its statement. Both give the same books.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';

INSERT INTO backorder.item (sku, lead_time_days) VALUES ('CAP', 10), ('BAG', 5);
INSERT INTO backorder.receipt (sku, qty) VALUES ('CAP', 3), ('BAG', 2);
INSERT INTO backorder.supply (sku, qty, expected_date) VALUES ('CAP', 4, '2026-03-09');

-- A single line: RETURNING already shows what the engine decided.
INSERT INTO backorder.order_line (order_ref, sku, qty) VALUES ('one', 'CAP', 2)
RETURNING order_ref, qty_allocated, status, promised_date, qty_allocated_at_entry,
          qty_at_entry, promised_date_at_entry;
-- Partly reserved: the rest waits for the supply of 2026-03-09.
INSERT INTO backorder.order_line (order_ref, sku, qty) VALUES ('two', 'CAP', 3)
RETURNING order_ref, qty_allocated, status, promised_date;
INSERT INTO backorder.order_line (order_ref, sku, qty)
SELECT 'three', 'CAP', 1
RETURNING order_ref, qty_allocated, status, promised_date;
SELECT kind, l.order_ref, e.qty, e.new_date
  FROM backorder.event e JOIN backorder.order_line l USING (line_id)
 ORDER BY event_id;
SELECT l.order_ref, a.qty, a.reason
  FROM backorder.allocation a JOIN backorder.order_line l USING (line_id)
 ORDER BY allocation_id;
SELECT sku, on_hand, allocated, backordered FROM backorder.stock ORDER BY sku;

-- Several lines in one statement rank among themselves: the urgent line,
-- inserted last, takes the stock from the line inserted before it.
INSERT INTO backorder.order_line (order_ref, sku, qty, priority) VALUES
    ('routine', 'BAG', 2, 100),
    ('urgent', 'BAG', 2, 1);
SELECT order_ref, qty_allocated, status, promised_date, qty_allocated_at_entry,
       promised_date_at_entry
  FROM backorder.order_line WHERE sku = 'BAG' ORDER BY line_id;

-- A line that ranks ahead of waiting lines re-plans the queue.
INSERT INTO backorder.order_line (order_ref, sku, qty, priority) VALUES ('vip', 'CAP', 1, 1)
RETURNING order_ref, qty_allocated, status, promised_date;
SELECT order_ref, qty_allocated, status, promised_date
  FROM backorder.order_line WHERE sku = 'CAP' ORDER BY line_id;

-- Something that locks the sku after the row is stored and before the
-- statement ends (here a trigger of the application receiving goods) finds
-- the line entered: the receipt fills it like any other waiting line.
CREATE TABLE app_arrivals (sku text, qty numeric);
CREATE FUNCTION receive_with_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO backorder.receipt (sku, qty) SELECT sku, qty FROM app_arrivals;
    DELETE FROM app_arrivals;
    RETURN NULL;
END $$;
CREATE TRIGGER receive_with_order AFTER INSERT ON backorder.order_line
    FOR EACH ROW EXECUTE FUNCTION receive_with_order();
INSERT INTO app_arrivals VALUES ('BAG', 5);
INSERT INTO backorder.order_line (order_ref, sku, qty) VALUES ('with goods', 'BAG', 3);
SELECT order_ref, qty_allocated, status, promised_date, qty_allocated_at_entry
  FROM backorder.order_line WHERE sku = 'BAG' ORDER BY line_id;
DROP TRIGGER receive_with_order ON backorder.order_line;

-- A later BEFORE trigger of the application that changes the line after the
-- engine planned it: the line is planned again as stored.
CREATE FUNCTION double_qty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.qty := NEW.qty * 2;
    RETURN NEW;
END $$;
CREATE TRIGGER zz_double_qty BEFORE INSERT ON backorder.order_line
    FOR EACH ROW EXECUTE FUNCTION double_qty();
INSERT INTO backorder.order_line (order_ref, sku, qty) VALUES ('doubled', 'BAG', 1);
SELECT order_ref, qty, qty_allocated, status, qty_at_entry, qty_allocated_at_entry
  FROM backorder.order_line WHERE order_ref = 'doubled';
DROP TRIGGER zz_double_qty ON backorder.order_line;

-- A rolled-back savepoint and a row that never got stored leave nothing behind.
BEGIN;
SAVEPOINT attempt;
INSERT INTO backorder.order_line (order_ref, sku, qty) VALUES ('rolled back', 'CAP', 1);
ROLLBACK TO SAVEPOINT attempt;
INSERT INTO backorder.order_line (line_id, order_ref, sku, qty)
VALUES (1, 'duplicate', 'CAP', 1) ON CONFLICT DO NOTHING;
INSERT INTO backorder.order_line (order_ref, sku, qty) VALUES ('after', 'CAP', 1)
RETURNING order_ref, qty_allocated, status, promised_date;
COMMIT;
SELECT order_ref, status FROM backorder.order_line
 WHERE order_ref IN ('rolled back', 'duplicate', 'after') ORDER BY line_id;

SELECT * FROM backorder.check();
DROP TABLE app_arrivals;
DROP FUNCTION receive_with_order(), double_qty();
DROP EXTENSION pg_backorder;
