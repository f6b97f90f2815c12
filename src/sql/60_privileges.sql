------------------------------------------------------------------------------
-- Privileges
------------------------------------------------------------------------------
--
-- Three kinds of users, none created here (roles belong to the cluster):
--   reporting    reads the tables and views and calls the read-only functions;
--   application  also enters items, supply, order lines and receipts, changes
--                the columns users own, and calls ship, cancel, adjust, expire;
--   anyone else  nothing: every statement ends in "permission denied" (42501).
-- backorder.grant_reporting() and backorder.grant_application() hand out
-- the first two. Nobody but the owner writes stock, the ledger, events,
-- shipments, adjustments or the columns the engine maintains.
--
-- For that, the functions that write those rows run as the extension's owner
-- (SECURITY DEFINER): the triggers that hand a change to the engine, and
-- ship, cancel, adjust and expire. Without it an application role would need
-- write privileges on every engine table and maintained column, and the guard
-- triggers would be the only thing between it and the books. It is safe
-- because these functions
--   * pin search_path to pg_catalog, pg_temp, so no object of the caller's
--     can stand in for a built-in (functions and operators are never looked up
--     in pg_temp), and name every table of the extension with its schema;
--   * run only fixed SQL with the caller's values passed as parameters, never
--     spliced into the text;
--   * refuse to run except as the trigger they were made for;
--   * can be executed only by roles granted the application privileges.
-- The read functions (atp, atp_profile, promise, today, check) stay SECURITY
-- INVOKER: they read with the caller's own privileges.

-- line_check also plans a line entered alone before its row is stored,
-- reading the item, stock and supply of its sku.
ALTER FUNCTION backorder.line_check() SECURITY DEFINER;
ALTER FUNCTION backorder.lines_entered() SECURITY DEFINER;
ALTER FUNCTION backorder.lines_changed() SECURITY DEFINER;
ALTER FUNCTION backorder.lines_deleted() SECURITY DEFINER;
ALTER FUNCTION backorder.supply_changed() SECURITY DEFINER;
ALTER FUNCTION backorder.receipts_arrived() SECURITY DEFINER;
ALTER FUNCTION backorder.item_changed() SECURITY DEFINER;
ALTER FUNCTION backorder.ship(bigint, numeric) SECURITY DEFINER;
ALTER FUNCTION backorder.cancel(bigint) SECURITY DEFINER;
ALTER FUNCTION backorder.adjust(text, text, numeric, text) SECURITY DEFINER;
ALTER FUNCTION backorder.expire(date) SECURITY DEFINER;

-- Functions are executable by PUBLIC by default; none of these should be.
-- Triggers fire whatever their function's EXECUTE privilege.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA backorder FROM PUBLIC;

-- Let a role read: the schema, every table and view, and the read functions.
-- backorder.snapshot() writes daily_position: it stays with the owner, who schedules it.
CREATE FUNCTION backorder.grant_reporting(role regrole) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF role IS NULL THEN
        RAISE EXCEPTION 'role must not be null' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA backorder TO %s', role);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA backorder TO %s', role);
    EXECUTE format('GRANT EXECUTE ON FUNCTION backorder.today(),'
                   ' backorder.atp(text, text, date), backorder.atp_profile(text, text, integer),'
                   ' backorder.promise(text, numeric, text, date, integer), backorder.check(),'
                   ' backorder.replenishment_advice(numeric, integer, date),'
                   ' backorder.inverse_normal(float8), backorder.normal_loss(float8),'
                   ' backorder.inverse_normal_loss(float8),'
                   ' backorder.safety_stock(float8, float8, float8, float8, float8),'
                   ' backorder.reorder_point(float8, float8, float8, float8, float8),'
                   ' backorder.fill_rate_safety_stock(float8, float8, float8, float8, float8,'
                   '                                  float8)'
                   ' TO %s', role);
END
$$;
COMMENT ON FUNCTION backorder.grant_reporting(regrole) IS
    'Let a role read the tables and views of pg_backorder and call its read-only functions';

-- Let a role run the business: what reporting may, plus entering facts and
-- the warehouse's actions. Only the columns users own are writable.
CREATE FUNCTION backorder.grant_application(role regrole) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM backorder.grant_reporting(role);
    EXECUTE format('GRANT INSERT, UPDATE ON backorder.item TO %s', role);
    EXECUTE format('GRANT INSERT (sku, location, qty, expected_date, supplier, reference,'
                   '             ordered_on, qty_at_order, expected_date_at_order),'
                   ' UPDATE (qty, expected_date, supplier, reference, ordered_on), DELETE'
                   ' ON backorder.supply TO %s', role);
    EXECUTE format('GRANT INSERT (order_ref, sku, location, qty, requested_date, priority,'
                   '             cancel_after, ship_complete, channel, customer),'
                   ' UPDATE (order_ref, qty, requested_date, priority, cancel_after,'
                   '         ship_complete, channel, customer), DELETE'
                   ' ON backorder.order_line TO %s', role);
    EXECUTE format('GRANT INSERT (sku, location, qty, supply_id, received_at, received_on)'
                   ' ON backorder.receipt TO %s', role);
    EXECUTE format('GRANT USAGE ON SEQUENCE backorder.supply_supply_id_seq,'
                   ' backorder.order_line_line_id_seq, backorder.receipt_receipt_id_seq'
                   ' TO %s', role);
    EXECUTE format('GRANT EXECUTE ON FUNCTION backorder.ship(bigint, numeric),'
                   ' backorder.cancel(bigint), backorder.adjust(text, text, numeric, text),'
                   ' backorder.expire(date) TO %s', role);
END
$$;
COMMENT ON FUNCTION backorder.grant_application(regrole) IS
    'Let a role enter items, supply, order lines and receipts and call ship, cancel, adjust '
    'and expire, on top of reading';

REVOKE EXECUTE ON FUNCTION backorder.grant_reporting(regrole) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION backorder.grant_application(regrole) FROM PUBLIC;

------------------------------------------------------------------------------
-- Dump and restore
------------------------------------------------------------------------------

-- pg_dump writes the rows of these tables and the positions of their
-- sequences; CREATE EXTENSION recreates the rest. Restore with the triggers
-- off (session_replication_role = replica, see docs/guarantees.md): the rows
-- are the engine's own output, and replaying them through it would count
-- receipts twice and refuse the maintained columns.
SELECT pg_catalog.pg_extension_config_dump('backorder.item', '');
SELECT pg_catalog.pg_extension_config_dump('backorder.supply', '');
SELECT pg_catalog.pg_extension_config_dump('backorder.order_line', '');
SELECT pg_catalog.pg_extension_config_dump('backorder.receipt', '');
SELECT pg_catalog.pg_extension_config_dump('backorder.stock', '');
SELECT pg_catalog.pg_extension_config_dump('backorder.allocation', '');
SELECT pg_catalog.pg_extension_config_dump('backorder.event', '');
SELECT pg_catalog.pg_extension_config_dump('backorder.shipment', '');
SELECT pg_catalog.pg_extension_config_dump('backorder.adjustment', '');
SELECT pg_catalog.pg_extension_config_dump('backorder.supply_supply_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('backorder.order_line_line_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('backorder.receipt_receipt_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('backorder.allocation_allocation_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('backorder.event_event_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('backorder.shipment_shipment_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('backorder.adjustment_adjustment_id_seq', '');
