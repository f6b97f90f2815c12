-- Lines that come in rank order behind their sku's queue are planned while
-- their rows are inserted; the others at the end of their statement. Both
-- give the same books.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';

INSERT INTO backorder.item (sku, lead_time_days) VALUES ('CAP', 10), ('BAG', 5);
INSERT INTO backorder.receipt (sku, qty) VALUES ('CAP', 3), ('BAG', 2);
INSERT INTO backorder.supply (sku, qty, expected_date) VALUES ('CAP', 4, '2026-03-09');

-- RETURNING already shows what the engine decided.
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

-- A line that ranks ahead of waiting lines moves their promises back.
INSERT INTO backorder.order_line (order_ref, sku, qty, priority) VALUES ('vip', 'CAP', 1, 1)
RETURNING order_ref, qty_allocated, status, promised_date;
SELECT order_ref, qty_allocated, status, promised_date
  FROM backorder.order_line WHERE sku = 'CAP' ORDER BY line_id;

-- Lines that rank ahead of waiting lines change only themselves and the
-- waiting lines behind them: the reserved line keeps what it holds, the
-- partly reserved one keeps its part, and the promises behind move back.
INSERT INTO backorder.item (sku, lead_time_days) VALUES ('MUG', 20);
INSERT INTO backorder.receipt (sku, qty) VALUES ('MUG', 5);
INSERT INTO backorder.supply (sku, qty, expected_date) VALUES
    ('MUG', 2, '2026-03-10'), ('MUG', 4, '2026-03-20');
INSERT INTO backorder.order_line (order_ref, sku, qty, priority) VALUES ('m-held', 'MUG', 2, 50);
INSERT INTO backorder.order_line (order_ref, sku, qty, priority) VALUES ('m-part', 'MUG', 5, 50);
INSERT INTO backorder.order_line (order_ref, sku, qty, priority) VALUES ('m-wait', 'MUG', 3, 50);
-- The engine notes how much of the queue it planned.
SET client_min_messages = debug1;
INSERT INTO backorder.order_line (order_ref, sku, qty, priority) VALUES ('m-first', 'MUG', 1, 10);
INSERT INTO backorder.order_line (order_ref, sku, qty, priority) VALUES ('m-second', 'MUG', 1, 20);
RESET client_min_messages;
SELECT order_ref, qty_allocated, status, promised_date, promised_date_at_entry
  FROM backorder.order_line WHERE sku = 'MUG' ORDER BY line_id;
SELECT kind, l.order_ref, e.qty, e.old_date, e.new_date
  FROM backorder.event e JOIN backorder.order_line l USING (line_id)
 WHERE e.sku = 'MUG' ORDER BY event_id;
SELECT on_hand, allocated, backordered FROM backorder.stock WHERE sku = 'MUG';
-- Planning the whole queue again (touched supply re-promises it) finds
-- nothing to change.
SELECT count(*) AS events_before FROM backorder.event WHERE sku = 'MUG';
UPDATE backorder.supply SET expected_date = expected_date WHERE sku = 'MUG';
SELECT count(*) AS events_after FROM backorder.event WHERE sku = 'MUG';
SELECT * FROM backorder.check();

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

-- Many lines in rank order over several skus, as a bulk load enters them:
-- each is planned behind the ones before it on its sku.
INSERT INTO backorder.item (sku, lead_time_days) VALUES ('PEN', 7), ('INK', 3);
INSERT INTO backorder.receipt (sku, qty) VALUES ('PEN', 5), ('INK', 1);
INSERT INTO backorder.supply (sku, qty, expected_date) VALUES
    ('PEN', 3, '2026-03-05'), ('PEN', 4, '2026-03-12');
INSERT INTO backorder.order_line (order_ref, sku, qty, ship_complete)
SELECT 'bulk-' || g, CASE WHEN g % 3 = 0 THEN 'INK' ELSE 'PEN' END, 1 + g % 2, g = 4
  FROM generate_series(1, 9) g;
SELECT order_ref, sku, qty, ship_complete, qty_allocated, status, promised_date
  FROM backorder.order_line WHERE order_ref LIKE 'bulk-%' ORDER BY line_id;
SELECT sku, on_hand, allocated, backordered FROM backorder.stock
 WHERE sku IN ('PEN', 'INK') ORDER BY sku;

-- Under the due_date rule lines rank by requested date: one requested
-- earlier than a line before it in the statement is planned with it at the end.
INSERT INTO backorder.item (sku, allocation_rule) VALUES ('DUE', 'due_date');
INSERT INTO backorder.receipt (sku, qty) VALUES ('DUE', 2);
INSERT INTO backorder.order_line (order_ref, sku, qty, requested_date) VALUES
    ('due later', 'DUE', 2, '2026-03-20'),
    ('due sooner', 'DUE', 2, '2026-03-03');
SELECT order_ref, qty_allocated, status, promised_date
  FROM backorder.order_line WHERE sku = 'DUE' ORDER BY line_id;

-- A trigger of the application that enters a line of the same sku while
-- the statement that fired it has lines in flight.
CREATE FUNCTION add_gift() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO backorder.order_line (order_ref, sku, qty) VALUES ('gift', NEW.sku, 1);
    RETURN NULL;
END $$;
CREATE TRIGGER add_gift AFTER INSERT ON backorder.order_line
    FOR EACH ROW WHEN (NEW.order_ref LIKE 'with gift%') EXECUTE FUNCTION add_gift();
INSERT INTO backorder.order_line (order_ref, sku, qty) VALUES
    ('with gift 1', 'INK', 1), ('with gift 2', 'INK', 1);
SELECT order_ref, qty_allocated, status, promised_date
  FROM backorder.order_line WHERE sku = 'INK' ORDER BY line_id;
DROP TRIGGER add_gift ON backorder.order_line;

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
DROP FUNCTION receive_with_order(), double_qty(), add_gift();
DROP EXTENSION pg_backorder;
