------------------------------------------------------------------------------
-- Functions
------------------------------------------------------------------------------

CREATE FUNCTION backorder.atp(sku text, location text DEFAULT 'main', on_date date DEFAULT NULL)
    RETURNS numeric
    AS 'MODULE_PATHNAME', 'backorder_atp'
    LANGUAGE C STABLE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION backorder.atp(text, text, date) IS
    'Available-to-promise: stock plus supply expected by on_date that no order has claimed';

CREATE FUNCTION backorder.atp_profile(sku text, location text DEFAULT 'main',
                                      horizon_days integer DEFAULT 90)
    RETURNS TABLE (bucket date, supply numeric, committed numeric, atp numeric,
                   cumulative_atp numeric)
    AS 'MODULE_PATHNAME', 'backorder_atp_profile'
    LANGUAGE C STABLE ROWS 10
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION backorder.atp_profile(text, text, integer) IS
    'Time-phased ATP: per date with supply, what arrives, what the queue claims, what is left';

CREATE FUNCTION backorder.promise(sku text, qty numeric, location text DEFAULT 'main',
                                  requested_date date DEFAULT NULL, priority integer DEFAULT 100)
    RETURNS TABLE (ship_date date, qty numeric, basis text, supply_id bigint)
    AS 'MODULE_PATHNAME', 'backorder_promise'
    LANGUAGE C STABLE ROWS 3
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION backorder.promise(text, numeric, text, date, integer) IS
    'A non-binding quote: when qty could ship, from stock, supply or lead time';

CREATE FUNCTION backorder.ship(line_id bigint, qty numeric DEFAULT NULL)
    RETURNS backorder.order_line
    AS 'MODULE_PATHNAME', 'backorder_ship'
    LANGUAGE C VOLATILE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION backorder.ship(bigint, numeric) IS
    'Ship reserved quantity of a line (all of it by default); returns the line';

CREATE FUNCTION backorder.cancel(line_id bigint)
    RETURNS backorder.order_line
    AS 'MODULE_PATHNAME', 'backorder_cancel'
    LANGUAGE C VOLATILE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION backorder.cancel(bigint) IS
    'Cancel an open line; its reservation flows to the queue at once. Returns the line';

CREATE FUNCTION backorder.adjust(sku text, location text, delta numeric, reason text DEFAULT NULL)
    RETURNS numeric
    AS 'MODULE_PATHNAME', 'backorder_adjust'
    LANGUAGE C VOLATILE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION backorder.adjust(text, text, numeric, text) IS
    'Correct the stock count by delta; returns the new on-hand quantity';

CREATE FUNCTION backorder.expire(as_of date DEFAULT NULL)
    RETURNS bigint
    AS 'MODULE_PATHNAME', 'backorder_expire'
    LANGUAGE C VOLATILE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION backorder.expire(date) IS
    'Cancel open lines whose delivery window ended before as_of (today); returns how many';
