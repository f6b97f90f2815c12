-- Least privilege: a reporting role reads, an application role runs the
-- business but cannot write what the engine maintains, and a role without
-- grants is refused with 42501 and changes nothing.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';

CREATE ROLE regress_backorder_nobody;
CREATE ROLE regress_backorder_usage;
CREATE ROLE regress_backorder_report;
CREATE ROLE regress_backorder_app;
GRANT USAGE ON SCHEMA backorder TO regress_backorder_usage;
SELECT backorder.grant_reporting('regress_backorder_report');
SELECT backorder.grant_application('regress_backorder_app');
SELECT backorder.grant_reporting(NULL);

-- PUBLIC may execute none of the functions.
SELECT p.proname
  FROM pg_proc p
 WHERE p.pronamespace = 'backorder'::regnamespace
   AND has_function_privilege('regress_backorder_usage', p.oid, 'EXECUTE')
 ORDER BY 1;
-- What runs as the extension's owner, all with a pinned search_path.
SELECT p.proname, p.proconfig
  FROM pg_proc p
 WHERE p.pronamespace = 'backorder'::regnamespace AND p.prosecdef
 ORDER BY 1;
-- Every other function pins it too, except those that run no SQL: today(),
-- which column defaults call for every line entered, and the trigger
-- functions that only check a row or refuse a statement.
SELECT p.proname
  FROM pg_proc p
 WHERE p.pronamespace = 'backorder'::regnamespace
   AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (p.proconfig), false)
 ORDER BY 1;

INSERT INTO backorder.item (sku) VALUES ('PEN');
INSERT INTO backorder.receipt (sku, qty) VALUES ('PEN', 4);
INSERT INTO backorder.order_line (order_ref, sku, qty) VALUES ('P-1', 'PEN', 3);

CREATE TEMP TABLE attempt (n serial, who text, statement text);
INSERT INTO attempt (who, statement) VALUES
    -- no grants at all
    ('nobody', $$SELECT count(*) FROM backorder.stock$$),
    ('nobody', $$SELECT backorder.atp('PEN')$$),
    ('nobody', $$INSERT INTO backorder.order_line (sku, qty) VALUES ('PEN', 1)$$),
    ('nobody', $$SELECT backorder.ship(1)$$),
    -- the schema but nothing in it
    ('usage', $$SELECT count(*) FROM backorder.stock_position$$),
    ('usage', $$SELECT backorder.atp('PEN')$$),
    ('usage', $$INSERT INTO backorder.receipt (sku, qty) VALUES ('PEN', 1)$$),
    ('usage', $$SELECT backorder.ship(1)$$),
    ('usage', $$SELECT backorder.receipts_arrived()$$),
    -- reporting: reads only
    ('report', $$SELECT sku, on_hand, allocated, available, atp FROM backorder.stock_position$$),
    ('report', $$SELECT count(*) FROM backorder.queue$$),
    ('report', $$SELECT backorder.atp('PEN')$$),
    ('report', $$SELECT * FROM backorder.promise('PEN', 2)$$),
    ('report', $$SELECT * FROM backorder.atp_profile('PEN')$$),
    ('report', $$SELECT count(*) FROM backorder.check()$$),
    ('report', $$SELECT count(*) FROM backorder.event$$),
    ('report', $$INSERT INTO backorder.order_line (sku, qty) VALUES ('PEN', 1)$$),
    ('report', $$INSERT INTO backorder.receipt (sku, qty) VALUES ('PEN', 1)$$),
    ('report', $$UPDATE backorder.order_line SET priority = 1$$),
    ('report', $$SELECT backorder.ship(1)$$),
    ('report', $$SELECT backorder.cancel(1)$$),
    ('report', $$SELECT backorder.adjust('PEN', 'main', 1)$$),
    ('report', $$SELECT backorder.expire()$$),
    ('report', $$UPDATE backorder.stock SET on_hand = 0$$),
    ('report', $$SELECT backorder.grant_application('regress_backorder_report')$$),
    -- application: the business, through the engine
    ('app', $$INSERT INTO backorder.item (sku, lead_time_days) VALUES ('INK', 7)$$),
    ('app',
     $$INSERT INTO backorder.supply (sku, qty, expected_date) VALUES ('INK', 10, '2026-03-09')$$),
    ('app', $$INSERT INTO backorder.order_line (order_ref, sku, qty) VALUES ('P-2', 'PEN', 2),
                                                                          ('I-1', 'INK', 4)$$),
    ('app', $$INSERT INTO backorder.receipt (sku, qty, supply_id) VALUES ('INK', 6, 1)$$),
    ('app', $$UPDATE backorder.order_line SET priority = 5, customer = 'Acme' WHERE line_id = 2$$),
    ('app', $$SELECT backorder.ship(1)$$),
    ('app', $$SELECT backorder.adjust('PEN', 'main', 3, 'found')$$),
    ('app', $$SELECT backorder.cancel(3)$$),
    ('app', $$UPDATE backorder.supply SET expected_date = '2026-03-12'$$),
    ('app', $$DELETE FROM backorder.order_line WHERE order_ref = 'nothing'$$),
    ('app', $$SELECT backorder.expire()$$),
    -- application: never the engine's columns and tables
    ('app', $$UPDATE backorder.order_line SET qty_allocated = 9 WHERE line_id = 2$$),
    ('app', $$UPDATE backorder.order_line SET status = 'shipped' WHERE line_id = 2$$),
    ('app', $$INSERT INTO backorder.order_line (sku, qty, status) VALUES ('PEN', 1, 'allocated')$$),
    ('app',
     $$INSERT INTO backorder.order_line (sku, qty, created_at) VALUES ('PEN', 1, '2000-01-01')$$),
    ('app', $$UPDATE backorder.supply SET qty_received = 0$$),
    ('app', $$INSERT INTO backorder.stock (sku, location) VALUES ('INK', 'east')$$),
    ('app', $$UPDATE backorder.stock SET on_hand = 100$$),
    ('app', $$INSERT INTO backorder.allocation (line_id, sku, location, qty, reason)
              VALUES (2, 'PEN', 'main', 1, 'allocated')$$),
    ('app', $$INSERT INTO backorder.event (kind, sku, location) VALUES ('ready', 'PEN', 'main')$$),
    ('app', $$DELETE FROM backorder.event$$),
    ('app', $$TRUNCATE backorder.event$$),
    ('app',
     $$INSERT INTO backorder.shipment (line_id, sku, location, qty) VALUES (2, 'PEN', 'main', 1)$$),
    ('app', $$INSERT INTO backorder.adjustment (sku, location, delta) VALUES ('PEN', 'main', 1)$$),
    ('app', $$UPDATE backorder.receipt SET qty = 1$$),
    ('app', $$DELETE FROM backorder.receipt$$),
    ('app', $$SELECT backorder.receipts_arrived()$$),
    ('app', $$SELECT backorder.grant_application('regress_backorder_nobody')$$);

CREATE TEMP TABLE outcome (n integer, sqlstate text, message text);
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT * FROM attempt ORDER BY n LOOP
        BEGIN
            EXECUTE format('SET ROLE %I', 'regress_backorder_' || c.who);
            EXECUTE c.statement;
            RESET ROLE;
            INSERT INTO outcome VALUES (c.n, 'ok', NULL);
        EXCEPTION WHEN OTHERS THEN
            RESET ROLE;
            INSERT INTO outcome VALUES (c.n, SQLSTATE, SQLERRM);
        END;
    END LOOP;
END $$;
SELECT a.who, a.statement, o.sqlstate, o.message
  FROM attempt a JOIN outcome o USING (n) ORDER BY a.n;

-- What the application did went through the engine.
SELECT line_id, order_ref, sku, priority, customer, qty_allocated, qty_shipped, status
  FROM backorder.order_line ORDER BY line_id;
SELECT sku, on_hand, allocated, backordered FROM backorder.stock ORDER BY sku;
SELECT kind, line_id, qty FROM backorder.event ORDER BY event_id;
SELECT * FROM backorder.check();

DROP EXTENSION pg_backorder;
DROP OWNED BY regress_backorder_nobody, regress_backorder_usage, regress_backorder_report,
              regress_backorder_app;
DROP ROLE regress_backorder_nobody, regress_backorder_usage, regress_backorder_report,
          regress_backorder_app;
