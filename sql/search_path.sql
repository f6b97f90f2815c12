-- Objects named like built-ins in a schema that comes first in search_path
-- cannot stand in for anything the extension calls: every function and
-- trigger of the extension pins search_path = pg_catalog, pg_temp. The trap
-- is set by an application role, in its own schema, against functions that
-- run as the extension's owner.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';
CREATE ROLE regress_backorder_trap;
SELECT backorder.grant_application('regress_backorder_trap');
CREATE SCHEMA regress_trap AUTHORIZATION regress_backorder_trap;

SET ROLE regress_backorder_trap;
CREATE TABLE regress_trap.calls (called text, as_user text);

-- Every impostor notes that it ran, and as whom, then gives a wrong answer.
CREATE FUNCTION regress_trap.noted(what text) RETURNS void LANGUAGE sql
    AS $$ INSERT INTO regress_trap.calls VALUES (what, current_user) $$;
CREATE FUNCTION regress_trap.text_eq(a text, b text) RETURNS boolean LANGUAGE sql
    AS $$ SELECT regress_trap.noted('=(text, text)'); SELECT true $$;
CREATE OPERATOR regress_trap.= (LEFTARG = text, RIGHTARG = text,
                                FUNCTION = regress_trap.text_eq);
CREATE FUNCTION regress_trap.bigint_eq(a bigint, b bigint) RETURNS boolean LANGUAGE sql
    AS $$ SELECT regress_trap.noted('=(bigint, bigint)'); SELECT true $$;
CREATE OPERATOR regress_trap.= (LEFTARG = bigint, RIGHTARG = bigint,
                                FUNCTION = regress_trap.bigint_eq);
CREATE FUNCTION regress_trap.numeric_div(a numeric, b integer) RETURNS numeric LANGUAGE sql
    AS $$ SELECT regress_trap.noted('/(numeric, integer)'); SELECT 1000::numeric $$;
CREATE OPERATOR regress_trap./ (LEFTARG = numeric, RIGHTARG = integer,
                                FUNCTION = regress_trap.numeric_div);
CREATE FUNCTION regress_trap.numeric_mul(a numeric, b integer) RETURNS numeric LANGUAGE sql
    AS $$ SELECT regress_trap.noted('*(numeric, integer)'); SELECT 0::numeric $$;
CREATE OPERATOR regress_trap.* (LEFTARG = numeric, RIGHTARG = integer,
                                FUNCTION = regress_trap.numeric_mul);
CREATE FUNCTION regress_trap.numeric_lt(a numeric, b numeric) RETURNS boolean LANGUAGE sql
    AS $$ SELECT regress_trap.noted('<(numeric, numeric)'); SELECT true $$;
CREATE OPERATOR regress_trap.< (LEFTARG = numeric, RIGHTARG = numeric,
                                FUNCTION = regress_trap.numeric_lt);
CREATE FUNCTION regress_trap.trim_scale(numeric) RETURNS numeric LANGUAGE sql
    AS $$ SELECT regress_trap.noted('trim_scale'); SELECT 42::numeric $$;
CREATE FUNCTION regress_trap.unnest(bigint[]) RETURNS SETOF bigint LANGUAGE sql
    AS $$ SELECT regress_trap.noted('unnest(bigint[])'); SELECT 7::bigint $$;
CREATE FUNCTION regress_trap.unnest(text[]) RETURNS SETOF text LANGUAGE sql
    AS $$ SELECT regress_trap.noted('unnest(text[])'); SELECT 'x'::text $$;
CREATE FUNCTION regress_trap.now() RETURNS timestamptz LANGUAGE sql
    AS $$ SELECT regress_trap.noted('now'); SELECT '1999-01-01'::timestamptz $$;
CREATE FUNCTION regress_trap.sum_step(numeric, numeric) RETURNS numeric LANGUAGE sql
    AS $$ SELECT regress_trap.noted('sum(numeric)'); SELECT 0::numeric $$;
CREATE AGGREGATE regress_trap.sum(numeric) (SFUNC = regress_trap.sum_step, STYPE = numeric);
CREATE FUNCTION regress_trap.least(numeric, numeric) RETURNS numeric LANGUAGE sql
    AS $$ SELECT regress_trap.noted('least'); SELECT 0::numeric $$;
-- A temporary table named like the engine's transition tables.
CREATE TEMP TABLE new_rows (sku text, location text, receipt_id bigint, supply_id bigint,
                            qty numeric);
INSERT INTO new_rows VALUES ('PEN', 'decoy', 1, NULL, 1000);

SET search_path = pg_temp, regress_trap, public, pg_catalog;
-- The trap works on unqualified SQL of this session ...
SELECT 'apple' = 'pear' AS apple_is_pear, trim_scale(1.50) AS trimmed;
SELECT called, as_user FROM regress_trap.calls ORDER BY called;
DELETE FROM regress_trap.calls;

-- ... but not on anything the extension runs: the whole interface, used
-- with no operator of the session's own (its own comparisons are qualified).
INSERT INTO backorder.item (sku) VALUES ('PEN'), ('INK');
INSERT INTO backorder.supply (sku, qty, expected_date) VALUES ('PEN', 5, '2026-03-09');
INSERT INTO backorder.receipt (sku, qty) VALUES ('PEN', 3.5), ('INK', 2);
INSERT INTO backorder.order_line (order_ref, sku, qty, cancel_after) VALUES
    ('T-1', 'PEN', 2, NULL),
    ('T-2', 'PEN', 4, '2026-03-05'),
    ('T-3', 'INK', 1, NULL),
    ('T-4', 'PEN', 1.25, NULL);
INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('PEN', 2, 1);
UPDATE backorder.order_line SET priority = 1 WHERE line_id OPERATOR(pg_catalog.=) 4;
UPDATE backorder.order_line SET qty = 3 WHERE line_id OPERATOR(pg_catalog.=) 2;
UPDATE backorder.item SET lead_time_days = 5 WHERE sku OPERATOR(pg_catalog.=) 'PEN';
UPDATE backorder.supply SET expected_date = '2026-03-10';
SELECT line_id, qty_shipped, status FROM backorder.ship(1);
SELECT backorder.adjust('INK', 'main', -0.5, 'spilled');
SELECT line_id, status FROM backorder.cancel(3);
DELETE FROM backorder.order_line WHERE line_id OPERATOR(pg_catalog.=) 4;
SELECT backorder.expire('2026-03-06');
SELECT backorder.atp('PEN') AS atp_pen, backorder.atp('PEN', 'main', '2026-03-20') AS atp_later;
SELECT * FROM backorder.promise('PEN', 4);
SELECT * FROM backorder.atp_profile('PEN', 'main', 30);
SELECT sku, on_hand, allocated, available, backordered, on_order, atp
  FROM backorder.stock_position;
SELECT order_ref, queue_position, qty_waiting FROM backorder.queue;
SELECT * FROM backorder.check();

RESET search_path;
RESET ROLE;
-- Nothing of the trap ran, and the books are what the engine alone makes of it.
SELECT count(*) AS impostor_calls FROM regress_trap.calls;
SELECT line_id, order_ref, sku, qty, priority, qty_allocated, qty_shipped, status, promised_date
  FROM backorder.order_line ORDER BY line_id;
SELECT sku, location, on_hand, allocated, backordered FROM backorder.stock ORDER BY sku;
SELECT supply_id, qty, qty_received, expected_date FROM backorder.supply;
SELECT kind, line_id, qty, receipt_id, old_date, new_date FROM backorder.event ORDER BY event_id;
SELECT line_id, qty, reason, receipt_id FROM backorder.allocation ORDER BY allocation_id;
SELECT * FROM backorder.check();

DROP EXTENSION pg_backorder;
DROP SCHEMA regress_trap CASCADE;
DROP OWNED BY regress_backorder_trap;
DROP ROLE regress_backorder_trap;
