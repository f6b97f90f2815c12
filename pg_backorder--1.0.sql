-- pg_backorder 1.0: back-order management inside PostgreSQL.
--
-- Tables hold the facts (items, supply, order lines, receipts) and what the
-- engine maintains from them (stock, reservations, promised dates, the
-- allocation ledger and the event outbox). Triggers hand every change to the
-- C++ engine in the same statement. Every function pins its search_path.

\echo Use "CREATE EXTENSION pg_backorder" to load this file. \quit

-- Today as the engine sees it: the backorder.today setting, else current_date.
CREATE FUNCTION backorder.today() RETURNS date
    AS 'MODULE_PATHNAME', 'backorder_today'
    LANGUAGE C STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION backorder.today() IS
    'The engine''s today: the backorder.today setting if set, else current_date';

------------------------------------------------------------------------------
-- Facts
------------------------------------------------------------------------------

CREATE TABLE backorder.item (
    sku text PRIMARY KEY,
    description text,
    backorderable boolean NOT NULL DEFAULT true,
    lead_time_days integer NOT NULL DEFAULT 14,
    allocation_rule text NOT NULL DEFAULT 'fifo',
    CONSTRAINT item_sku_check CHECK (sku <> ''),
    CONSTRAINT item_lead_time_days_check CHECK (lead_time_days BETWEEN 0 AND 3650),
    CONSTRAINT item_allocation_rule_check
        CHECK (allocation_rule IN ('fifo', 'due_date', 'window'))
);
COMMENT ON TABLE backorder.item IS 'Products (stock-keeping units) and how their queue is served';
COMMENT ON COLUMN backorder.item.backorderable IS
    'Whether an order that cannot be reserved in full may wait; if not it is a stockout';
COMMENT ON COLUMN backorder.item.lead_time_days IS
    'Days to replenish when no scheduled supply covers the demand';
COMMENT ON COLUMN backorder.item.allocation_rule IS
    'Queue order: fifo, due_date (by requested date) or window (by end of delivery window)';

CREATE TABLE backorder.supply (
    supply_id bigserial PRIMARY KEY,
    sku text NOT NULL REFERENCES backorder.item,
    location text NOT NULL DEFAULT 'main',
    qty numeric NOT NULL,
    expected_date date NOT NULL,
    supplier text,
    reference text,
    qty_received numeric NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT supply_qty_check CHECK (qty > 0 AND qty_received >= 0)
) WITH (fillfactor = 80);
CREATE INDEX supply_sku_location_idx ON backorder.supply (sku, location);
COMMENT ON TABLE backorder.supply IS
    'Scheduled receipts (open purchase-order lines); open quantity is qty - qty_received';
COMMENT ON COLUMN backorder.supply.qty_received IS 'Maintained: received so far, at most qty';

CREATE TABLE backorder.order_line (
    line_id bigserial PRIMARY KEY,
    order_ref text,
    sku text NOT NULL REFERENCES backorder.item,
    location text NOT NULL DEFAULT 'main',
    qty numeric NOT NULL,
    requested_date date NOT NULL DEFAULT backorder.today(),
    priority integer NOT NULL DEFAULT 100,
    cancel_after date,
    ship_complete boolean NOT NULL DEFAULT false,
    channel text,
    customer text,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    qty_allocated numeric NOT NULL DEFAULT 0,
    qty_shipped numeric NOT NULL DEFAULT 0,
    status text NOT NULL DEFAULT 'backordered',
    promised_date date,
    CONSTRAINT order_line_qty_check
        CHECK (qty > 0 AND qty_allocated >= 0 AND qty_shipped >= 0
               AND qty_allocated + qty_shipped <= qty),
    CONSTRAINT order_line_status_check
        CHECK (status IN ('allocated', 'partial', 'backordered', 'shipped', 'cancelled',
                          'stockout'))
) WITH (fillfactor = 70);
-- Only open lines are indexed by sku: the engine loads a sku's queue with it.
CREATE INDEX order_line_open_idx ON backorder.order_line (sku, location)
    WHERE status IN ('allocated', 'partial', 'backordered');
COMMENT ON TABLE backorder.order_line IS
    'Customer order lines; inserting one reserves stock or queues it as a back order';
COMMENT ON COLUMN backorder.order_line.priority IS 'Smaller is served first';
COMMENT ON COLUMN backorder.order_line.cancel_after IS
    'End of the buyer''s delivery window; null for none';
COMMENT ON COLUMN backorder.order_line.ship_complete IS
    'Ship only when the whole quantity is reserved';
COMMENT ON COLUMN backorder.order_line.qty_allocated IS
    'Maintained: reserved and not yet shipped';
COMMENT ON COLUMN backorder.order_line.qty_shipped IS 'Maintained: shipped so far';
COMMENT ON COLUMN backorder.order_line.status IS
    'Maintained: allocated, partial, backordered, shipped, cancelled or stockout';
COMMENT ON COLUMN backorder.order_line.promised_date IS
    'Maintained: the date the last unit is expected to be ready to ship';

CREATE TABLE backorder.receipt (
    receipt_id bigserial PRIMARY KEY,
    sku text NOT NULL REFERENCES backorder.item,
    location text NOT NULL DEFAULT 'main',
    qty numeric NOT NULL,
    supply_id bigint REFERENCES backorder.supply,
    received_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT receipt_qty_check CHECK (qty > 0)
);
CREATE INDEX receipt_supply_idx ON backorder.receipt (supply_id);
COMMENT ON TABLE backorder.receipt IS
    'Goods that arrived; append-only. Inserting one fills the queue in the same transaction';

------------------------------------------------------------------------------
-- Maintained by the engine
------------------------------------------------------------------------------

CREATE TABLE backorder.stock (
    sku text NOT NULL REFERENCES backorder.item,
    location text NOT NULL,
    on_hand numeric NOT NULL DEFAULT 0,
    allocated numeric NOT NULL DEFAULT 0,
    backordered numeric NOT NULL DEFAULT 0,
    PRIMARY KEY (sku, location)
) WITH (fillfactor = 50);
COMMENT ON TABLE backorder.stock IS
    'Maintained: stock per sku and location; its row is the lock that serializes the sku';
COMMENT ON COLUMN backorder.stock.allocated IS 'Reserved for order lines, not yet shipped';
COMMENT ON COLUMN backorder.stock.backordered IS 'Ordered and still waiting for stock';

CREATE TABLE backorder.allocation (
    allocation_id bigserial PRIMARY KEY,
    line_id bigint NOT NULL,
    sku text NOT NULL,
    location text NOT NULL,
    qty numeric NOT NULL,
    reason text NOT NULL,
    receipt_id bigint,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX allocation_line_idx ON backorder.allocation (line_id);
COMMENT ON TABLE backorder.allocation IS
    'Ledger of reservations: +qty when reserved, -qty when released, shipped or cancelled';
COMMENT ON COLUMN backorder.allocation.reason IS
    'allocated, deallocated, shipped or cancelled';
COMMENT ON COLUMN backorder.allocation.receipt_id IS 'The receipt whose stock was reserved';

CREATE TABLE backorder.event (
    event_id bigserial PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    kind text NOT NULL,
    line_id bigint,
    sku text NOT NULL,
    location text NOT NULL,
    qty numeric,
    receipt_id bigint,
    old_date date,
    new_date date
);
COMMENT ON TABLE backorder.event IS
    'Outbox for downstream systems; NOTIFY backorder_event follows each transaction that adds '
    'rows. Consumers may delete what they have processed';
COMMENT ON COLUMN backorder.event.kind IS
    'allocated, ready, backordered, promise_changed, stockout, deallocated, shipped, '
    'cancelled or expired';

CREATE TABLE backorder.shipment (
    shipment_id bigserial PRIMARY KEY,
    line_id bigint NOT NULL,
    sku text NOT NULL,
    location text NOT NULL,
    qty numeric NOT NULL,
    shipped_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shipment_line_idx ON backorder.shipment (line_id);
COMMENT ON TABLE backorder.shipment IS 'Maintained: what backorder.ship() shipped';

CREATE TABLE backorder.adjustment (
    adjustment_id bigserial PRIMARY KEY,
    sku text NOT NULL,
    location text NOT NULL,
    delta numeric NOT NULL,
    reason text,
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE backorder.adjustment IS 'Maintained: stock count corrections by backorder.adjust()';

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
    LANGUAGE C VOLATILE STRICT
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

------------------------------------------------------------------------------
-- Triggers
------------------------------------------------------------------------------

CREATE FUNCTION backorder.item_check() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_item_check' LANGUAGE C
    SET search_path = pg_catalog, pg_temp;
CREATE FUNCTION backorder.item_changed() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_item_changed' LANGUAGE C
    SET search_path = pg_catalog, pg_temp;
CREATE FUNCTION backorder.supply_check() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_supply_check' LANGUAGE C
    SET search_path = pg_catalog, pg_temp;
CREATE FUNCTION backorder.supply_changed() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_supply_changed' LANGUAGE C
    SET search_path = pg_catalog, pg_temp;
CREATE FUNCTION backorder.line_check() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_line_check' LANGUAGE C
    SET search_path = pg_catalog, pg_temp;
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
    AS 'MODULE_PATHNAME', 'backorder_receipt_check' LANGUAGE C
    SET search_path = pg_catalog, pg_temp;
CREATE FUNCTION backorder.receipts_arrived() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_receipts_arrived' LANGUAGE C
    SET search_path = pg_catalog, pg_temp;
CREATE FUNCTION backorder.engine_only() RETURNS trigger
    AS 'MODULE_PATHNAME', 'backorder_engine_only' LANGUAGE C
    SET search_path = pg_catalog, pg_temp;

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

CREATE TRIGGER line_check BEFORE INSERT OR UPDATE ON backorder.order_line
    FOR EACH ROW EXECUTE FUNCTION backorder.line_check();
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

-- Tables only the engine writes; event rows may be deleted by consumers.
CREATE TRIGGER engine_only BEFORE INSERT OR UPDATE OR DELETE ON backorder.stock
    FOR EACH ROW EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER engine_only BEFORE INSERT OR UPDATE OR DELETE ON backorder.allocation
    FOR EACH ROW EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER engine_only BEFORE INSERT OR UPDATE ON backorder.event
    FOR EACH ROW EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER engine_only BEFORE INSERT OR UPDATE OR DELETE ON backorder.shipment
    FOR EACH ROW EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER engine_only BEFORE INSERT OR UPDATE OR DELETE ON backorder.adjustment
    FOR EACH ROW EXECUTE FUNCTION backorder.engine_only();

-- TRUNCATE would bypass every row trigger above.
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON backorder.supply
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON backorder.order_line
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON backorder.receipt
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON backorder.stock
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON backorder.allocation
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON backorder.shipment
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON backorder.adjustment
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.engine_only();

------------------------------------------------------------------------------
-- Views
------------------------------------------------------------------------------

CREATE VIEW backorder.stock_position AS
SELECT s.sku,
       s.location,
       s.on_hand,
       s.allocated,
       trim_scale(s.on_hand - s.allocated) AS available,
       s.backordered,
       coalesce((SELECT sum(p.qty - p.qty_received)
                   FROM backorder.supply p
                  WHERE p.sku = s.sku AND p.location = s.location
                    AND p.qty > p.qty_received), 0) AS on_order,
       backorder.atp(s.sku, s.location) AS atp
  FROM backorder.stock s;
COMMENT ON VIEW backorder.stock_position IS 'Stock, reservations, back orders and ATP per sku and location';
COMMENT ON COLUMN backorder.stock_position.available IS 'On hand and not reserved';
COMMENT ON COLUMN backorder.stock_position.backordered IS 'Ordered and still waiting for stock';
COMMENT ON COLUMN backorder.stock_position.on_order IS 'Open supply not yet received';
COMMENT ON COLUMN backorder.stock_position.atp IS 'Available-to-promise today';

-- The queue in the engine's rank order: the CASE keys fall away for rules
-- that do not use them.
CREATE VIEW backorder.queue AS
SELECT l.line_id,
       l.order_ref,
       l.sku,
       l.location,
       row_number() OVER (
           PARTITION BY l.sku, l.location
           ORDER BY l.priority,
                    CASE WHEN i.allocation_rule = 'window' THEN l.cancel_after END NULLS LAST,
                    CASE WHEN i.allocation_rule IN ('window', 'due_date')
                         THEN l.requested_date END,
                    l.created_at,
                    l.line_id) AS queue_position,
       l.qty - l.qty_shipped - l.qty_allocated AS qty_waiting,
       l.qty_allocated,
       l.priority,
       l.requested_date,
       l.created_at,
       l.promised_date,
       l.cancel_after,
       coalesce(l.promised_date > l.cancel_after, false) AS at_risk,
       backorder.today() - l.created_at::date AS days_waiting,
       l.ship_complete,
       l.channel,
       l.customer
  FROM backorder.order_line l
  JOIN backorder.item i USING (sku)
 WHERE l.status IN ('partial', 'backordered');
COMMENT ON VIEW backorder.queue IS 'Order lines waiting for stock, in the order they will be served';
COMMENT ON COLUMN backorder.queue.queue_position IS '1 is served first, per sku and location';
COMMENT ON COLUMN backorder.queue.at_risk IS 'Promised after the end of the delivery window';
COMMENT ON COLUMN backorder.queue.days_waiting IS 'Days since the line was entered';
