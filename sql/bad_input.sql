-- Bad input at every table and function: each case is refused with a clear
-- message and a fitting SQLSTATE, and the books are exactly as before.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';

-- A small book with lines in every state.
INSERT INTO backorder.item (sku) VALUES ('PEN'), ('BOX');
INSERT INTO backorder.supply (sku, qty, expected_date) VALUES ('PEN', 10, '2026-03-20');
INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('PEN', 5, NULL), ('PEN', 2, 1),
                                                           ('BOX', 1, NULL);
INSERT INTO backorder.order_line (order_ref, sku, qty, ship_complete) VALUES
    ('B-1', 'PEN', 3, false),
    ('B-2', 'PEN', 6, true),
    ('B-3', 'PEN', 2, false),
    ('B-4', 'PEN', 1, false),
    ('B-5', 'BOX', 1, false);
SELECT line_id, qty_shipped FROM backorder.ship(1, 1);
SELECT line_id, status FROM backorder.cancel(4);
SELECT line_id, status FROM backorder.ship(5);
SELECT line_id, order_ref, qty, qty_allocated, qty_shipped, status
  FROM backorder.order_line ORDER BY line_id;

-- Row count and checksum of every table of the extension.
CREATE FUNCTION pg_temp.books() RETURNS TABLE (relation name, row_count bigint, checksum text)
LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'backorder' AND c.relkind = 'r' ORDER BY c.relname LOOP
        relation := r.relname;
        EXECUTE format('SELECT count(*),'
                       '       md5(coalesce(string_agg(t::text, %L ORDER BY t::text), %L))'
                       '  FROM backorder.%I t', E'\n', '', r.relname)
           INTO row_count, checksum;
        RETURN NEXT;
    END LOOP;
END $$;
CREATE TEMP TABLE books_before AS SELECT * FROM pg_temp.books();

CREATE TEMP TABLE bad_input (n serial, target text, input text, statement text);
INSERT INTO bad_input (target, input, statement) VALUES
    -- item
    ('item', 'null sku', $$INSERT INTO backorder.item (sku) VALUES (NULL)$$),
    ('item', 'empty sku', $$INSERT INTO backorder.item (sku) VALUES ('')$$),
    ('item', 'sku with a trailing space', $$INSERT INTO backorder.item (sku) VALUES ('PEN ')$$),
    ('item', 'sku of 201 characters',
     $$INSERT INTO backorder.item (sku) VALUES (repeat('é', 201))$$),
    ('item', 'sku of 6400 characters',
     $$INSERT INTO backorder.item (sku)
       SELECT string_agg(md5(i::text), '') FROM generate_series(1, 200) i$$),
    ('item', 'sku already there', $$INSERT INTO backorder.item (sku) VALUES ('PEN')$$),
    ('item', 'unknown allocation rule',
     $$INSERT INTO backorder.item (sku, allocation_rule) VALUES ('X', 'lifo')$$),
    ('item', 'null allocation rule',
     $$INSERT INTO backorder.item (sku, allocation_rule) VALUES ('X', NULL)$$),
    ('item', 'allocation rule changed to nonsense',
     $$UPDATE backorder.item SET allocation_rule = 'FIFO; DROP TABLE x' WHERE sku = 'PEN'$$),
    ('item', 'negative lead time',
     $$INSERT INTO backorder.item (sku, lead_time_days) VALUES ('X', -1)$$),
    ('item', 'lead time of 100000 days',
     $$INSERT INTO backorder.item (sku, lead_time_days) VALUES ('X', 100000)$$),
    ('item', 'null backorderable',
     $$INSERT INTO backorder.item (sku, backorderable) VALUES ('X', NULL)$$),
    ('item', 'delete an item in use', $$DELETE FROM backorder.item WHERE sku = 'PEN'$$),
    -- supply
    ('supply', 'null qty',
     $$INSERT INTO backorder.supply (sku, qty, expected_date) VALUES ('PEN', NULL, '2026-04-01')$$),
    ('supply', 'zero qty',
     $$INSERT INTO backorder.supply (sku, qty, expected_date) VALUES ('PEN', 0, '2026-04-01')$$),
    ('supply', 'negative qty',
     $$INSERT INTO backorder.supply (sku, qty, expected_date) VALUES ('PEN', -5, '2026-04-01')$$),
    ('supply', 'NaN qty',
     $$INSERT INTO backorder.supply (sku, qty, expected_date)
       VALUES ('PEN', 'NaN', '2026-04-01')$$),
    ('supply', 'infinite qty',
     $$INSERT INTO backorder.supply (sku, qty, expected_date)
       VALUES ('PEN', 'Infinity', '2026-04-01')$$),
    ('supply', 'qty of 10^13',
     $$INSERT INTO backorder.supply (sku, qty, expected_date) VALUES ('PEN', 1e13, '2026-04-01')$$),
    ('supply', 'qty with 7 decimals',
     $$INSERT INTO backorder.supply (sku, qty, expected_date)
       VALUES ('PEN', 1.0000001, '2026-04-01')$$),
    ('supply', 'unknown sku',
     $$INSERT INTO backorder.supply (sku, qty, expected_date) VALUES ('NOPE', 1, '2026-04-01')$$),
    ('supply', 'null expected_date',
     $$INSERT INTO backorder.supply (sku, qty, expected_date) VALUES ('PEN', 1, NULL)$$),
    ('supply', 'expected_date in 1900',
     $$INSERT INTO backorder.supply (sku, qty, expected_date) VALUES ('PEN', 1, '1900-01-01')$$),
    ('supply', 'expected_date in year 200000',
     $$INSERT INTO backorder.supply (sku, qty, expected_date) VALUES ('PEN', 1, '200000-01-01')$$),
    ('supply', 'infinite expected_date',
     $$INSERT INTO backorder.supply (sku, qty, expected_date) VALUES ('PEN', 1, 'infinity')$$),
    ('supply', 'expected_date moved to 1999',
     $$UPDATE backorder.supply SET expected_date = '1999-12-31' WHERE supply_id = 1$$),
    ('supply', 'null location',
     $$INSERT INTO backorder.supply (sku, location, qty, expected_date)
       VALUES ('PEN', NULL, 1, '2026-04-01')$$),
    ('supply', 'empty location',
     $$INSERT INTO backorder.supply (sku, location, qty, expected_date)
       VALUES ('PEN', '', 1, '2026-04-01')$$),
    ('supply', 'location of 201 characters',
     $$INSERT INTO backorder.supply (sku, location, qty, expected_date)
       VALUES ('PEN', repeat('w', 201), 1, '2026-04-01')$$),
    ('supply', 'qty_received given',
     $$INSERT INTO backorder.supply (sku, qty, expected_date, qty_received)
       VALUES ('PEN', 1, '2026-04-01', 1)$$),
    ('supply', 'qty_received changed',
     $$UPDATE backorder.supply SET qty_received = 10 WHERE supply_id = 1$$),
    ('supply', 'qty below what was received',
     $$UPDATE backorder.supply SET qty = 1 WHERE supply_id = 1$$),
    ('supply', 'moved to another sku', $$UPDATE backorder.supply SET sku = 'BOX'$$),
    ('supply', 'moved to another location', $$UPDATE backorder.supply SET location = 'east'$$),
    ('supply', 'truncate', $$TRUNCATE backorder.supply CASCADE$$),
    -- order_line
    ('order_line', 'null qty',
     $$INSERT INTO backorder.order_line (sku, qty) VALUES ('PEN', NULL)$$),
    ('order_line', 'zero qty', $$INSERT INTO backorder.order_line (sku, qty) VALUES ('PEN', 0)$$),
    ('order_line', 'negative qty',
     $$INSERT INTO backorder.order_line (sku, qty) VALUES ('PEN', -1)$$),
    ('order_line', 'NaN qty',
     $$INSERT INTO backorder.order_line (sku, qty) VALUES ('PEN', 'NaN')$$),
    ('order_line', 'qty of 10^13',
     $$INSERT INTO backorder.order_line (sku, qty) VALUES ('PEN', 1e13)$$),
    ('order_line', 'qty with 7 decimals',
     $$INSERT INTO backorder.order_line (sku, qty) VALUES ('PEN', 0.0000001)$$),
    ('order_line', 'unknown sku',
     $$INSERT INTO backorder.order_line (sku, qty) VALUES ('NOPE', 1)$$),
    ('order_line', 'empty location',
     $$INSERT INTO backorder.order_line (sku, location, qty) VALUES ('PEN', '', 1)$$),
    ('order_line', 'location with a leading space',
     $$INSERT INTO backorder.order_line (sku, location, qty) VALUES ('PEN', ' main', 1)$$),
    ('order_line', 'location of 6400 characters',
     $$INSERT INTO backorder.order_line (sku, location, qty)
       SELECT 'PEN', string_agg(md5(i::text), ''), 1 FROM generate_series(1, 200) i$$),
    ('order_line', 'null requested_date',
     $$INSERT INTO backorder.order_line (sku, qty, requested_date) VALUES ('PEN', 1, NULL)$$),
    ('order_line', 'requested_date in year 200000',
     $$INSERT INTO backorder.order_line (sku, qty, requested_date)
       VALUES ('PEN', 1, '200000-01-01')$$),
    ('order_line', 'requested_date -infinity',
     $$INSERT INTO backorder.order_line (sku, qty, requested_date)
       VALUES ('PEN', 1, '-infinity')$$),
    ('order_line', 'cancel_after infinity',
     $$INSERT INTO backorder.order_line (sku, qty, cancel_after) VALUES ('PEN', 1, 'infinity')$$),
    ('order_line', 'cancel_after before requested_date',
     $$INSERT INTO backorder.order_line (sku, qty, requested_date, cancel_after)
       VALUES ('PEN', 1, '2026-03-10', '2026-03-09')$$),
    ('order_line', 'null priority',
     $$INSERT INTO backorder.order_line (sku, qty, priority) VALUES ('PEN', 1, NULL)$$),
    ('order_line', 'priority beyond integer',
     $$INSERT INTO backorder.order_line (sku, qty, priority) VALUES ('PEN', 1, 2147483648)$$),
    ('order_line', 'null ship_complete',
     $$INSERT INTO backorder.order_line (sku, qty, ship_complete) VALUES ('PEN', 1, NULL)$$),
    ('order_line', 'status given',
     $$INSERT INTO backorder.order_line (sku, qty, status) VALUES ('PEN', 1, 'shipped')$$),
    ('order_line', 'qty_allocated given',
     $$INSERT INTO backorder.order_line (sku, qty, qty_allocated) VALUES ('PEN', 1, 1)$$),
    ('order_line', 'promised_date given',
     $$INSERT INTO backorder.order_line (sku, qty, promised_date)
       VALUES ('PEN', 1, '2026-03-02')$$),
    ('order_line', 'status changed',
     $$UPDATE backorder.order_line SET status = 'allocated' WHERE line_id = 3$$),
    ('order_line', 'qty_shipped changed',
     $$UPDATE backorder.order_line SET qty_shipped = 3 WHERE line_id = 1$$),
    ('order_line', 'qty below what has shipped',
     $$UPDATE backorder.order_line SET qty = 0.5 WHERE line_id = 1$$),
    ('order_line', 'requested_date moved to infinity',
     $$UPDATE backorder.order_line SET requested_date = 'infinity' WHERE line_id = 3$$),
    ('order_line', 'priority of a cancelled line',
     $$UPDATE backorder.order_line SET priority = 1 WHERE line_id = 4$$),
    ('order_line', 'qty of a shipped line',
     $$UPDATE backorder.order_line SET qty = 2 WHERE line_id = 5$$),
    ('order_line', 'moved to another sku',
     $$UPDATE backorder.order_line SET sku = 'BOX' WHERE line_id = 3$$),
    ('order_line', 'moved to another location',
     $$UPDATE backorder.order_line SET location = 'east' WHERE line_id = 3$$),
    ('order_line', 'truncate', $$TRUNCATE backorder.order_line$$),
    -- receipt
    ('receipt', 'null qty', $$INSERT INTO backorder.receipt (sku, qty) VALUES ('PEN', NULL)$$),
    ('receipt', 'zero qty', $$INSERT INTO backorder.receipt (sku, qty) VALUES ('PEN', 0)$$),
    ('receipt', 'negative qty', $$INSERT INTO backorder.receipt (sku, qty) VALUES ('PEN', -3)$$),
    ('receipt', 'NaN qty', $$INSERT INTO backorder.receipt (sku, qty) VALUES ('PEN', 'NaN')$$),
    ('receipt', 'qty with 7 decimals',
     $$INSERT INTO backorder.receipt (sku, qty) VALUES ('PEN', 2.5000001)$$),
    ('receipt', 'qty of 10^13', $$INSERT INTO backorder.receipt (sku, qty) VALUES ('PEN', 1e13)$$),
    ('receipt', 'ten receipts of 10^12 at once',
     $$INSERT INTO backorder.receipt (sku, qty) SELECT 'PEN', 1e12 FROM generate_series(1, 10)$$),
    ('receipt', 'unknown sku', $$INSERT INTO backorder.receipt (sku, qty) VALUES ('NOPE', 1)$$),
    ('receipt', 'unknown supply',
     $$INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('PEN', 1, 99)$$),
    ('receipt', 'supply of another sku',
     $$INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('BOX', 1, 1)$$),
    ('receipt', 'empty location',
     $$INSERT INTO backorder.receipt (sku, location, qty) VALUES ('PEN', '', 1)$$),
    ('receipt', 'update', $$UPDATE backorder.receipt SET qty = 50$$),
    ('receipt', 'delete', $$DELETE FROM backorder.receipt$$),
    ('receipt', 'truncate', $$TRUNCATE backorder.receipt$$),
    -- tables only the engine writes
    ('stock', 'insert',
     $$INSERT INTO backorder.stock (sku, location, on_hand) VALUES ('BOX', 'east', 9)$$),
    ('stock', 'update', $$UPDATE backorder.stock SET on_hand = 100$$),
    ('stock', 'delete', $$DELETE FROM backorder.stock$$),
    ('allocation', 'insert',
     $$INSERT INTO backorder.allocation (line_id, sku, location, qty, reason)
       VALUES (3, 'PEN', 'main', 2, 'allocated')$$),
    ('allocation', 'delete', $$DELETE FROM backorder.allocation$$),
    ('event', 'update', $$UPDATE backorder.event SET qty = 0$$),
    ('event', 'truncate', $$TRUNCATE backorder.event$$),
    ('shipment', 'insert',
     $$INSERT INTO backorder.shipment (line_id, sku, location, qty) VALUES (3, 'PEN', 'main', 1)$$),
    ('adjustment', 'insert',
     $$INSERT INTO backorder.adjustment (sku, location, delta) VALUES ('PEN', 'main', 5)$$),
    -- atp, atp_profile, promise
    ('atp', 'null sku', $$SELECT backorder.atp(NULL)$$),
    ('atp', 'null location', $$SELECT backorder.atp('PEN', NULL)$$),
    ('atp', 'unknown sku', $$SELECT backorder.atp('NOPE')$$),
    ('atp', 'empty location', $$SELECT backorder.atp('PEN', '')$$),
    ('atp', 'date in the past', $$SELECT backorder.atp('PEN', 'main', '2026-03-01')$$),
    ('atp', 'date in year 200000', $$SELECT backorder.atp('PEN', 'main', '200000-01-01')$$),
    ('atp', 'infinite date', $$SELECT backorder.atp('PEN', 'main', 'infinity')$$),
    ('atp_profile', 'null horizon', $$SELECT * FROM backorder.atp_profile('PEN', 'main', NULL)$$),
    ('atp_profile', 'negative horizon', $$SELECT * FROM backorder.atp_profile('PEN', 'main', -1)$$),
    ('atp_profile', 'huge horizon',
     $$SELECT * FROM backorder.atp_profile('PEN', 'main', 2147483647)$$),
    ('atp_profile', 'unknown sku', $$SELECT * FROM backorder.atp_profile('NOPE')$$),
    ('promise', 'null qty', $$SELECT * FROM backorder.promise('PEN', NULL)$$),
    ('promise', 'zero qty', $$SELECT * FROM backorder.promise('PEN', 0)$$),
    ('promise', 'NaN qty', $$SELECT * FROM backorder.promise('PEN', 'NaN')$$),
    ('promise', 'qty of 10^13', $$SELECT * FROM backorder.promise('PEN', 1e13)$$),
    ('promise', 'unknown sku', $$SELECT * FROM backorder.promise('NOPE', 1)$$),
    ('promise', 'null priority', $$SELECT * FROM backorder.promise('PEN', 1, 'main', NULL, NULL)$$),
    ('promise', 'requested_date in year 200000',
     $$SELECT * FROM backorder.promise('PEN', 1, 'main', '200000-01-01')$$),
    -- ship
    ('ship', 'null line', $$SELECT backorder.ship(NULL)$$),
    ('ship', 'unknown line', $$SELECT backorder.ship(99)$$),
    ('ship', 'negative line id', $$SELECT backorder.ship(-1)$$),
    ('ship', 'zero qty', $$SELECT backorder.ship(1, 0)$$),
    ('ship', 'negative qty', $$SELECT backorder.ship(1, -1)$$),
    ('ship', 'NaN qty', $$SELECT backorder.ship(1, 'NaN')$$),
    ('ship', 'qty with 7 decimals', $$SELECT backorder.ship(1, 0.0000001)$$),
    ('ship', 'more than reserved', $$SELECT backorder.ship(1, 5)$$),
    ('ship', 'nothing reserved', $$SELECT backorder.ship(3)$$),
    ('ship', 'ship-complete line not complete', $$SELECT backorder.ship(2)$$),
    ('ship', 'cancelled line', $$SELECT backorder.ship(4)$$),
    ('ship', 'shipped line', $$SELECT backorder.ship(5)$$),
    -- cancel
    ('cancel', 'null line', $$SELECT backorder.cancel(NULL)$$),
    ('cancel', 'unknown line', $$SELECT backorder.cancel(99)$$),
    ('cancel', 'cancel twice', $$SELECT backorder.cancel(4)$$),
    ('cancel', 'shipped line', $$SELECT backorder.cancel(5)$$),
    -- adjust
    ('adjust', 'null sku', $$SELECT backorder.adjust(NULL, 'main', 1)$$),
    ('adjust', 'null location', $$SELECT backorder.adjust('PEN', NULL, 1)$$),
    ('adjust', 'null delta', $$SELECT backorder.adjust('PEN', 'main', NULL)$$),
    ('adjust', 'zero delta', $$SELECT backorder.adjust('PEN', 'main', 0)$$),
    ('adjust', 'below zero on hand', $$SELECT backorder.adjust('PEN', 'main', -8)$$),
    ('adjust', 'below zero at a new location', $$SELECT backorder.adjust('PEN', 'east', -1)$$),
    ('adjust', 'NaN delta', $$SELECT backorder.adjust('PEN', 'main', 'NaN')$$),
    ('adjust', 'delta of 10^13', $$SELECT backorder.adjust('PEN', 'main', 1e13)$$),
    ('adjust', 'delta with 7 decimals', $$SELECT backorder.adjust('PEN', 'main', 0.1234567)$$),
    ('adjust', 'unknown sku', $$SELECT backorder.adjust('NOPE', 'main', 1)$$),
    ('adjust', 'empty location', $$SELECT backorder.adjust('PEN', '', 1)$$),
    ('adjust', 'location of 201 characters',
     $$SELECT backorder.adjust('PEN', repeat('w', 201), 1)$$),
    -- expire and the engine's today
    ('expire', 'infinite date', $$SELECT backorder.expire('infinity')$$),
    ('expire', 'date in 1900', $$SELECT backorder.expire('1900-01-01')$$),
    ('backorder.today', 'not a date', $$SET backorder.today = 'tomorrow'$$),
    ('backorder.today', 'date in 1999', $$SET backorder.today = '1999-12-31'$$),
    ('backorder.today', 'date in year 200000', $$SET backorder.today = '200000-01-01'$$),
    ('trigger functions', 'called directly', $$SELECT backorder.receipts_arrived()$$);

CREATE TEMP TABLE outcome (n integer, sqlstate text, message text);
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT * FROM bad_input ORDER BY n LOOP
        BEGIN
            EXECUTE c.statement;
            INSERT INTO outcome VALUES (c.n, 'no error', NULL);
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO outcome VALUES (c.n, SQLSTATE, SQLERRM);
        END;
    END LOOP;
END $$;

SELECT b.target, b.input, o.sqlstate, o.message
  FROM bad_input b JOIN outcome o USING (n) ORDER BY b.n;

-- Nothing changed: every table has the same rows, and the books are healthy.
-- (Sequences are not rolled back by PostgreSQL: failed inserts use up ids.)
SELECT b.relation, b.row_count, a.row_count = b.row_count AND a.checksum = b.checksum AS unchanged
  FROM books_before b JOIN pg_temp.books() a USING (relation) ORDER BY b.relation;
SELECT backorder.today();
SELECT * FROM backorder.check();

-- Odd but valid text is kept as given: quotes, semicolons, unicode, long text.
INSERT INTO backorder.item (sku) VALUES ('it''s; DROP TABLE x; --'), ('Ünï©ødé ✓');
INSERT INTO backorder.receipt (sku, location, qty) VALUES ('Ünï©ødé ✓', 'Köln "Süd"', 2);
INSERT INTO backorder.order_line (sku, location, qty, order_ref, customer) VALUES
    ('it''s; DROP TABLE x; --', 'main', 1, repeat('é', 10000), E'tab\there'),
    ('Ünï©ødé ✓', 'Köln "Süd"', 3, '$$;''"', 'Ωmega');
SELECT sku, location, length(order_ref) AS order_ref_length, customer, qty_allocated, status
  FROM backorder.order_line WHERE line_id > 5 ORDER BY line_id;
SELECT sku, qty_shipped, status
  FROM backorder.ship((SELECT line_id FROM backorder.order_line WHERE sku = 'Ünï©ødé ✓'));
SELECT * FROM backorder.promise('Ünï©ødé ✓', 1, 'Köln "Süd"');
SELECT * FROM backorder.check();

-- Lowering a line's qty below what it holds is not bad input: the excess
-- goes back to the queue in the same statement.
SELECT line_id, qty, qty_allocated, qty_shipped, status FROM backorder.order_line
 WHERE line_id = 2;
UPDATE backorder.order_line SET qty = 3 WHERE line_id = 2;
SELECT line_id, qty, qty_allocated, qty_shipped, status FROM backorder.order_line
 WHERE line_id IN (2, 3) ORDER BY line_id;
SELECT kind, line_id, qty FROM backorder.event
 WHERE event_id > 11 AND line_id IN (2, 3) ORDER BY event_id;
SELECT * FROM backorder.check();

-- Locations are open: a (sku, location) comes into being with its first
-- line, supply, receipt or adjustment; one never used has nothing available.
SELECT backorder.atp('PEN', 'never used') AS atp,
       (SELECT count(*) FROM backorder.stock WHERE location = 'never used') AS stock_rows;
SELECT backorder.adjust('PEN', 'east', 2, 'first count at a new warehouse');
SELECT sku, location, on_hand, allocated, backordered FROM backorder.stock ORDER BY sku, location;
SELECT * FROM backorder.check();
DROP EXTENSION pg_backorder;
