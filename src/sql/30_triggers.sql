------------------------------------------------------------------------------
-- Triggers
------------------------------------------------------------------------------

-- Every trigger function that runs SQL pins search_path. The row checks and
-- the guard of the engine-only tables run none: they read the row and raise,
-- and setting search_path on the way in and out would cost them more than
-- their work, several times for every line entered.

CREATE FUNCTION backorder.item_check() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_item_check' LANGUAGE C;
CREATE FUNCTION backorder.item_changed() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_item_changed' LANGUAGE C
    SET search_path = pg_catalog, pg_temp;
CREATE FUNCTION backorder.supply_check() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_supply_check' LANGUAGE C;
CREATE FUNCTION backorder.supply_changed() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_supply_changed' LANGUAGE C
    SET search_path = pg_catalog, pg_temp;
CREATE FUNCTION backorder.line_check() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_line_check' LANGUAGE C
    SET search_path = pg_catalog, pg_temp;
CREATE FUNCTION backorder.line_change_check() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_line_change_check' LANGUAGE C;
CREATE FUNCTION backorder.lines_entered() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_lines_entered' LANGUAGE C
    SET search_path = pg_catalog, pg_temp;
CREATE FUNCTION backorder.lines_changed() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_lines_changed' LANGUAGE C
    SET search_path = pg_catalog, pg_temp;
CREATE FUNCTION backorder.lines_deleted() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_lines_deleted' LANGUAGE C
    SET search_path = pg_catalog, pg_temp;
CREATE FUNCTION backorder.receipt_check() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_receipt_check' LANGUAGE C;
CREATE FUNCTION backorder.receipts_arrived() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_receipts_arrived' LANGUAGE C
    SET search_path = pg_catalog, pg_temp;
CREATE FUNCTION backorder.engine_only() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_engine_only' LANGUAGE C;

CREATE TRIGGER item_check BEFORE INSERT OR UPDATE ON backorder.item
    FOR EACH ROW EXECUTE FUNCTION backorder.item_check();
CREATE TRIGGER item_changed AFTER UPDATE ON backorder.item
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.item_changed();

CREATE TRIGGER supply_check BEFORE INSERT OR UPDATE ON backorder.supply
    FOR EACH ROW EXECUTE FUNCTION backorder.supply_check();
CREATE TRIGGER supply_inserted AFTER INSERT ON backorder.supply
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.supply_changed();
CREATE TRIGGER supply_updated AFTER UPDATE ON backorder.supply
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.supply_changed();
CREATE TRIGGER supply_deleted AFTER DELETE ON backorder.supply
    REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.supply_changed();

-- Apart, since an entry runs SQL and a change does not: the engine updates
-- lines by the thousand when a receipt fills a queue, and every one of those
-- rows passes through the change check.
CREATE TRIGGER line_check BEFORE INSERT ON backorder.order_line
    FOR EACH ROW EXECUTE FUNCTION backorder.line_check();
CREATE TRIGGER line_change_check BEFORE UPDATE ON backorder.order_line
    FOR EACH ROW EXECUTE FUNCTION backorder.line_change_check();
CREATE TRIGGER lines_entered AFTER INSERT ON backorder.order_line
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.lines_entered();
CREATE TRIGGER lines_changed AFTER UPDATE ON backorder.order_line
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.lines_changed();
CREATE TRIGGER lines_deleted AFTER DELETE ON backorder.order_line
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.lines_deleted();

CREATE TRIGGER receipt_check BEFORE INSERT OR UPDATE OR DELETE ON backorder.receipt
    FOR EACH ROW EXECUTE FUNCTION backorder.receipt_check();
CREATE TRIGGER receipts_arrived AFTER INSERT ON backorder.receipt
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.receipts_arrived();

-- Tables only the engine writes. The event outbox is history too: consumers
-- keep a cursor (the last event_id they processed) rather than deleting rows.
-- The guard refuses a whole statement, so the engine's own set-based writes
-- pay for it once per statement rather than once per row.
CREATE TRIGGER engine_only BEFORE INSERT OR UPDATE OR DELETE ON backorder.stock
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER engine_only BEFORE INSERT OR UPDATE OR DELETE ON backorder.allocation
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER engine_only BEFORE INSERT OR UPDATE OR DELETE ON backorder.event
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER engine_only BEFORE INSERT OR UPDATE OR DELETE ON backorder.shipment
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER engine_only BEFORE INSERT OR UPDATE OR DELETE ON backorder.adjustment
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();

-- TRUNCATE would bypass every row trigger above.
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON backorder.supply
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON backorder.order_line
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON backorder.receipt
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON backorder.stock
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON backorder.event
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON backorder.allocation
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON backorder.shipment
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON backorder.adjustment
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
