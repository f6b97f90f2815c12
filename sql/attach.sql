-- Attaching an app's own orders and goods-in tables.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';
\set SHOW_CONTEXT never

-- The SQLSTATE a statement fails with, or 'ok'.
CREATE FUNCTION pg_temp.sqlstate_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;

-- A shop whose tables predate pg_backorder, with names that need quoting,
-- owned by its own role; the shop's application runs as another.
CREATE ROLE regress_attach_owner;
CREATE ROLE regress_attach_app;
CREATE ROLE regress_attach_stranger;
CREATE SCHEMA shop AUTHORIZATION regress_attach_owner;
SET ROLE regress_attach_owner;
CREATE TYPE shop.line_state AS ENUM
    ('allocated', 'partial', 'backordered', 'shipped', 'cancelled', 'stockout');
CREATE TABLE shop."Orders" (
    id serial PRIMARY KEY,
    "Order No" text NOT NULL,
    "Item Code" text NOT NULL,
    quantity integer NOT NULL,
    wanted_by date,
    tier integer,
    deadline date,
    "Whole Order" boolean,
    store text,
    created timestamptz NOT NULL DEFAULT '2026-03-02 09:00+00',
    bo_line bigint,
    "State" shop.line_state,
    eta text,
    label text GENERATED ALWAYS AS ("Order No" || '/' || "Item Code") STORED
);
CREATE INDEX ON shop."Orders" (bo_line);
CREATE TABLE shop.goods_in (
    id serial PRIMARY KEY,
    item text NOT NULL,
    units numeric NOT NULL,
    po_number text,
    receipt bigint
);
CREATE VIEW shop.open_orders AS SELECT * FROM shop."Orders";
-- The shop's own trigger normalizes item codes; the engine must see its result.
CREATE FUNCTION shop.upper_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."Item Code" := upper(NEW."Item Code");
    RETURN NEW;
END
$$;
CREATE TRIGGER normalize BEFORE INSERT ON shop."Orders"
    FOR EACH ROW EXECUTE FUNCTION shop.upper_item();
-- And records who changes its orders.
CREATE TABLE shop.audit (n serial, who name, order_no text, state text);
CREATE FUNCTION shop.audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO shop.audit (who, order_no, state) VALUES (current_user, NEW."Order No", NEW."State");
    RETURN NULL;
END
$$;
CREATE TRIGGER audit AFTER UPDATE ON shop."Orders"
    FOR EACH ROW EXECUTE FUNCTION shop.audit_change();
GRANT USAGE ON SCHEMA shop TO regress_attach_app;
GRANT SELECT, INSERT ON shop."Orders", shop.goods_in, shop.audit TO regress_attach_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA shop TO regress_attach_app;
RESET ROLE;
SELECT backorder.grant_application('regress_attach_app');

INSERT INTO backorder.item (sku, lead_time_days) VALUES ('MUG', 10), ('BOWL', 10);
INSERT INTO backorder.receipt (sku, qty) VALUES ('MUG', 5);
INSERT INTO backorder.supply (sku, qty, expected_date, supplier, reference) VALUES
    ('MUG', 10, '2026-03-09', 'Kiln & Co', 'PO-1'),
    ('BOWL', 4, '2026-03-12', 'Kiln & Co', 'PO-2');

-- Bad mappings are refused when attaching, each with a clear error.
SELECT backorder.attach_orders('shop.open_orders', sku => 'Item Code', qty => 'quantity');
SELECT backorder.attach_orders('backorder.order_line');
SELECT backorder.attach_orders('shop."Orders"', sku => 'item code', qty => 'quantity');
SELECT backorder.attach_orders('shop."Orders"', sku => 'Item Code', qty => 'created');
SELECT backorder.attach_orders('shop."Orders"', sku => NULL, qty => 'quantity');
SELECT backorder.attach_orders('shop."Orders"', sku => 'Item Code', qty => 'quantity',
                               status_into => 'State');
SELECT backorder.attach_orders('shop."Orders"', sku => 'Item Code', qty => 'quantity',
                               line_id_into => 'bo_line', status_into => 'tier');
SELECT backorder.attach_orders('shop."Orders"', sku => 'Item Code', qty => 'quantity',
                               line_id_into => 'bo_line', status_into => 'label');
SELECT backorder.attach_orders('shop."Orders"', sku => 'Item Code', qty => 'quantity',
                               line_id_into => 'bo_line', promised_date_into => 'tier');
SELECT backorder.attach_orders('shop."Orders"', sku => 'Item Code', qty => 'quantity',
                               line_id_into => 'store', status_into => 'store');
SELECT backorder.attach_receipts('shop.goods_in', sku => 'item', qty => 'units',
                                 supply_id => 'id', supply_reference => 'po_number');
SELECT backorder.attach_orders('shop.missing');
SELECT backorder.detach_orders('shop."Orders"');
SELECT backorder.detach_receipts('shop.goods_in');
-- The same failures by SQLSTATE.
SELECT statement, pg_temp.sqlstate_of(statement) FROM (VALUES
    ($$SELECT backorder.attach_orders('shop.open_orders')$$),
    ($$SELECT backorder.attach_orders('backorder.order_line')$$),
    ($$SELECT backorder.attach_orders('shop."Orders"', 'item code', 'quantity')$$),
    ($$SELECT backorder.attach_orders('shop."Orders"', 'Item Code', 'created')$$),
    ($$SELECT backorder.attach_orders('shop."Orders"', 'Item Code', 'quantity',
                                      status_into => 'State')$$),
    ($$SELECT backorder.attach_orders('shop."Orders"', 'Item Code', 'quantity',
                                      line_id_into => 'bo_line', status_into => 'label')$$),
    ($$SELECT backorder.attach_orders('shop."Orders"', 'Item Code', 'quantity',
                                      line_id_into => 'bo_line', status_into => 'tier')$$),
    ($$SELECT backorder.attach_orders('shop."Orders"', 'Item Code', 'quantity',
                                      line_id_into => 'store', status_into => 'store')$$),
    ($$SELECT backorder.detach_orders('shop."Orders"')$$)) AS t(statement)
ORDER BY 1;
-- Nothing was attached by the failures.
SELECT count(*) AS attachments FROM backorder.attachment;
SELECT tgname FROM pg_trigger WHERE tgrelid = 'shop."Orders"'::regclass AND NOT tgisinternal
 ORDER BY tgname;

-- Only the table's owner attaches it, and its owner must be able to read the lines.
SET ROLE regress_attach_stranger;
SELECT backorder.attach_orders('shop."Orders"', sku => 'Item Code', qty => 'quantity');
RESET ROLE;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA backorder TO regress_attach_stranger;
GRANT USAGE ON SCHEMA backorder, shop TO regress_attach_stranger;
SET ROLE regress_attach_stranger;
SELECT backorder.attach_orders('shop."Orders"', sku => 'Item Code', qty => 'quantity');
RESET ROLE;
SELECT backorder.attach_orders('shop."Orders"', sku => 'Item Code', qty => 'quantity',
                               line_id_into => 'bo_line', status_into => 'State');
SELECT backorder.grant_reporting('regress_attach_owner');

-- A good mapping: every order-line column, and three columns to write back.
SELECT backorder.attach_orders('shop."Orders"',
    sku => 'Item Code', qty => 'quantity', order_ref => 'Order No',
    requested_date => 'wanted_by', priority => 'tier', cancel_after => 'deadline',
    ship_complete => 'Whole Order', customer => 'store',
    line_id_into => 'bo_line', status_into => 'State', promised_date_into => 'eta');
SELECT backorder.attach_orders('shop."Orders"', sku => 'Item Code', qty => 'quantity');
SELECT app_table, kind, reads, writes, sync_function FROM backorder.attachment ORDER BY 1, 2;
-- Later changes are written by a function of the table's owner, which nobody else may call.
SELECT p.oid::regprocedure AS function, p.proowner::regrole AS owner, p.prosecdef,
       has_function_privilege('regress_attach_app', p.oid, 'EXECUTE') AS app_may_call
  FROM pg_proc p WHERE p.pronamespace = 'shop'::regnamespace AND p.proname LIKE '%backorder%';

-- The shop's application enters orders as it always has; the engine answers in the same row.
SET ROLE regress_attach_app;

INSERT INTO shop."Orders" ("Order No", "Item Code", quantity, wanted_by, tier, deadline,
                           "Whole Order", store) VALUES
    ('A-1', 'mug', 3, NULL, NULL, NULL, NULL, 'web'),
    ('A-2', 'mug', 6, '2026-03-04', 10, '2026-03-20', false, 'Galeries Nord'),
    ('A-3', 'bowl', 4, NULL, 50, NULL, true, 'Boutique Lila');
SELECT "Order No", "Item Code", quantity, bo_line, "State", eta FROM shop."Orders" ORDER BY id;
SELECT line_id, order_ref, sku, qty, requested_date, priority, cancel_after, ship_complete,
       customer, status, qty_allocated, promised_date
  FROM backorder.order_line ORDER BY line_id;
RESET ROLE;

-- An order for an unknown sku fails, and the shop's row is not kept either.
INSERT INTO shop."Orders" ("Order No", "Item Code", quantity) VALUES ('A-4', 'cup', 1);
-- A rolled-back order leaves no order line.
BEGIN;
INSERT INTO shop."Orders" ("Order No", "Item Code", quantity) VALUES ('A-5', 'mug', 1);
SELECT count(*) AS lines_inside FROM backorder.order_line;
ROLLBACK;
SELECT count(*) AS lines_after FROM backorder.order_line;

-- Goods in: the purchase-order number finds the supply; the receipt fills the queue
-- and the new states reach the shop's orders in the same transaction.
SELECT backorder.attach_receipts('shop.goods_in', sku => 'item', qty => 'units',
                                 supply_reference => 'po_number', receipt_id_into => 'receipt');
SET ROLE regress_attach_app;
BEGIN;
INSERT INTO shop.goods_in (item, units, po_number) VALUES
    ('MUG', 10, 'PO-1'),
    ('BOWL', 1, 'PO-9');
SELECT item, units, po_number, receipt FROM shop.goods_in ORDER BY id;
SELECT receipt_id, sku, qty, supply_id FROM backorder.receipt ORDER BY receipt_id;
SELECT "Order No", bo_line, "State", eta FROM shop."Orders" ORDER BY id;
COMMIT;
RESET ROLE;
SELECT supply_id, reference, qty, qty_received FROM backorder.supply ORDER BY supply_id;
-- The shop's own update trigger ran as the table's owner, not as the engine's.
SELECT who, order_no, state FROM shop.audit ORDER BY n;

-- Shipping and moved supply reach the shop too.
SELECT line_id, status FROM backorder.ship(1);
UPDATE backorder.supply SET expected_date = '2026-03-16' WHERE reference = 'PO-2';
SELECT "Order No", bo_line, "State", eta FROM shop."Orders" ORDER BY id;

-- Detaching removes the trigger; later rows stay the shop's own.
SELECT backorder.detach_orders('shop."Orders"');
INSERT INTO shop."Orders" ("Order No", "Item Code", quantity) VALUES ('A-6', 'mug', 1);
SELECT "Order No", bo_line, "State" FROM shop."Orders" WHERE "Order No" = 'A-6';
SELECT count(*) AS lines FROM backorder.order_line;
SELECT tgname FROM pg_trigger WHERE tgrelid = 'shop."Orders"'::regclass AND NOT tgisinternal
 ORDER BY tgname;
SELECT count(*) AS sync_functions FROM pg_proc WHERE pronamespace = 'shop'::regnamespace
   AND proname LIKE '%backorder%';

-- Write-back without an index on the line id column works, with a warning.
CREATE TABLE shop.quick_orders (sku text, qty numeric, line bigint, state text);
ALTER TABLE shop.quick_orders OWNER TO regress_attach_owner;
SELECT backorder.attach_orders('shop.quick_orders', line_id_into => 'line',
                               status_into => 'state');
INSERT INTO shop.quick_orders (sku, qty) VALUES ('BOWL', 2);
SELECT sku, qty, line, state FROM shop.quick_orders;

-- Dropping an attached table forgets its attachment.
DROP TABLE shop.quick_orders;
DROP TABLE shop.goods_in;
SELECT count(*) AS attachments FROM backorder.attachment;
SELECT count(*) AS sync_functions FROM pg_proc WHERE pronamespace = 'shop'::regnamespace
   AND proname LIKE '%backorder%';
INSERT INTO backorder.receipt (sku, qty) VALUES ('BOWL', 3);
SELECT line_id, status FROM backorder.order_line WHERE sku = 'BOWL' ORDER BY line_id;

SELECT * FROM backorder.check();
DROP SCHEMA shop CASCADE;
DROP EXTENSION pg_backorder;
DROP OWNED BY regress_attach_owner, regress_attach_app, regress_attach_stranger;
DROP ROLE regress_attach_owner, regress_attach_app, regress_attach_stranger;
