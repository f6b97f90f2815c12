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
    ordered_on date NOT NULL DEFAULT backorder.today(),
    qty_at_order numeric,
    expected_date_at_order date,
    CONSTRAINT supply_qty_check CHECK (qty > 0 AND qty_received >= 0)
) WITH (fillfactor = 80);
CREATE INDEX supply_sku_location_idx ON backorder.supply (sku, location);
COMMENT ON TABLE backorder.supply IS
    'Scheduled receipts (open purchase-order lines); open quantity is qty - qty_received';
COMMENT ON COLUMN backorder.supply.qty_received IS 'Maintained: received so far, at most qty';
COMMENT ON COLUMN backorder.supply.ordered_on IS
    'The day it was ordered from the supplier (start of the lead time); defaults to today';
COMMENT ON COLUMN backorder.supply.qty_at_order IS
    'The quantity first ordered; set at insert from qty when not given, never changed';
COMMENT ON COLUMN backorder.supply.expected_date_at_order IS
    'The date first expected; set at insert from expected_date when not given, never changed';

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
    qty_allocated_at_entry numeric,
    entered_on date NOT NULL DEFAULT backorder.today(),
    qty_at_entry numeric,
    promised_date_at_entry date,
    -- Not qty_allocated + qty_shipped <= qty: a lowered qty may leave a row
    -- holding more than it needs until the engine, later in the same
    -- statement, releases the excess (backorder.check() verifies the bound).
    CONSTRAINT order_line_qty_check
        CHECK (qty > 0 AND qty_allocated >= 0 AND qty_shipped >= 0 AND qty_shipped <= qty),
    CONSTRAINT order_line_status_check
        CHECK (status IN ('allocated', 'partial', 'backordered', 'shipped', 'cancelled',
                          'stockout'))
) WITH (fillfactor = 70);
-- Only open lines are indexed by sku: the engine loads a sku's queue with it.
CREATE INDEX order_line_open_idx ON backorder.order_line (sku, location)
    WHERE status IN ('allocated', 'partial', 'backordered');
-- Waiting lines in fifo rank order: a receipt reads the head of the queue and
-- order entry checks the tail without reading the rest.
CREATE INDEX order_line_queue_idx ON backorder.order_line (sku, location, priority, created_at,
                                                          line_id)
    WHERE status IN ('partial', 'backordered');
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
COMMENT ON COLUMN backorder.order_line.qty_allocated_at_entry IS
    'Maintained: what could be reserved when the line was entered (history for back-order rates)';
COMMENT ON COLUMN backorder.order_line.entered_on IS
    'Maintained: the engine''s today (backorder.today()) when the line was entered';
COMMENT ON COLUMN backorder.order_line.qty_at_entry IS
    'Maintained: qty when the line was entered (qty may change later)';
COMMENT ON COLUMN backorder.order_line.promised_date_at_entry IS
    'Maintained: the first promise, given at entry; null for a stockout';

CREATE TABLE backorder.receipt (
    receipt_id bigserial PRIMARY KEY,
    sku text NOT NULL REFERENCES backorder.item,
    location text NOT NULL DEFAULT 'main',
    qty numeric NOT NULL,
    supply_id bigint REFERENCES backorder.supply,
    received_at timestamptz NOT NULL DEFAULT now(),
    received_on date NOT NULL DEFAULT backorder.today(),
    CONSTRAINT receipt_qty_check CHECK (qty > 0)
);
CREATE INDEX receipt_supply_idx ON backorder.receipt (supply_id);
COMMENT ON TABLE backorder.receipt IS
    'Goods that arrived; append-only. Inserting one fills the queue in the same transaction';
COMMENT ON COLUMN backorder.receipt.received_on IS
    'The business day the goods arrived (end of the lead time); defaults to today';

------------------------------------------------------------------------------
-- Maintained by the engine
------------------------------------------------------------------------------

CREATE TABLE backorder.stock (
    sku text NOT NULL REFERENCES backorder.item,
    location text NOT NULL,
    on_hand numeric NOT NULL DEFAULT 0,
    allocated numeric NOT NULL DEFAULT 0,
    backordered numeric NOT NULL DEFAULT 0,
    planned_on date,
    PRIMARY KEY (sku, location)
) WITH (fillfactor = 50);
COMMENT ON TABLE backorder.stock IS
    'Maintained: stock per sku and location; its row is the lock that serializes the sku';
COMMENT ON COLUMN backorder.stock.allocated IS 'Reserved for order lines, not yet shipped';
COMMENT ON COLUMN backorder.stock.backordered IS 'Ordered and still waiting for stock';
COMMENT ON COLUMN backorder.stock.planned_on IS
    'The day the queue''s promises were computed for; on a later day the engine plans it in full';

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
    new_date date,
    business_date date NOT NULL DEFAULT backorder.today()
);
COMMENT ON TABLE backorder.event IS
    'Append-only outbox and history; NOTIFY backorder_event follows each transaction that adds '
    'rows. Consumers remember the last event_id they processed';
COMMENT ON COLUMN backorder.event.kind IS
    'allocated, ready, backordered, promise_changed, stockout, deallocated, shipped, '
    'cancelled or expired';
COMMENT ON COLUMN backorder.event.business_date IS
    'The engine''s today (backorder.today()) when it happened; created_at is wall-clock time';

CREATE TABLE backorder.shipment (
    shipment_id bigserial PRIMARY KEY,
    line_id bigint NOT NULL,
    sku text NOT NULL,
    location text NOT NULL,
    qty numeric NOT NULL,
    shipped_at timestamptz NOT NULL DEFAULT now(),
    shipped_on date NOT NULL DEFAULT backorder.today()
);
CREATE INDEX shipment_line_idx ON backorder.shipment (line_id);
COMMENT ON TABLE backorder.shipment IS 'Maintained: what backorder.ship() shipped';
COMMENT ON COLUMN backorder.shipment.shipped_on IS
    'The engine''s today (backorder.today()) when it shipped';

CREATE TABLE backorder.adjustment (
    adjustment_id bigserial PRIMARY KEY,
    sku text NOT NULL,
    location text NOT NULL,
    delta numeric NOT NULL,
    reason text,
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE backorder.adjustment IS 'Maintained: stock count corrections by backorder.adjust()';
