------------------------------------------------------------------------------
-- Analytics: back-order history, supplier performance, statistics, advice
--
-- Plain views and functions over what happened, for BI tools on a read-only
-- connection. History is keyed by business day: order_line.entered_on,
-- event.business_date, receipt.received_on and supply.ordered_on hold the
-- engine's today (backorder.today()) when things happened, so a pinned today
-- in a simulation dates its history the same way.
------------------------------------------------------------------------------

------------------------------------------------------------------------------
-- Statistics (normal distribution; computed by the C++ core)
------------------------------------------------------------------------------

CREATE FUNCTION backorder.inverse_normal(service_level double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'backorder_inverse_normal'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION backorder.inverse_normal(double precision) IS
    'Safety factor z for a cycle service level p in (0, 1): the standard normal quantile, '
    'P(Z <= z) = p';

CREATE FUNCTION backorder.normal_loss(z double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'backorder_normal_loss'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION backorder.normal_loss(double precision) IS
    'Standard normal loss G(z) = E[max(Z - z, 0)]: expected shortage per cycle in units of the '
    'lead-time demand deviation';

CREATE FUNCTION backorder.inverse_normal_loss(loss double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'backorder_inverse_normal_loss'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION backorder.inverse_normal_loss(double precision) IS
    'The z with normal_loss(z) = loss, for loss > 0';

CREATE FUNCTION backorder.safety_stock(service_level double precision,
                                       demand_mean double precision,
                                       demand_sd double precision,
                                       lead_time_mean double precision,
                                       lead_time_sd double precision DEFAULT 0)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'backorder_safety_stock'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION backorder.safety_stock(double precision, double precision, double precision,
                                           double precision, double precision) IS
    'Safety stock for a cycle service level: z * sqrt(L * sd_d^2 + d^2 * sd_L^2), with demand d '
    'per period and lead time L in the same periods';

CREATE FUNCTION backorder.reorder_point(service_level double precision,
                                        demand_mean double precision,
                                        demand_sd double precision,
                                        lead_time_mean double precision,
                                        lead_time_sd double precision DEFAULT 0)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'backorder_reorder_point'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION backorder.reorder_point(double precision, double precision, double precision,
                                            double precision, double precision) IS
    'Reorder point for a cycle service level: d * L + safety_stock(...)';

CREATE FUNCTION backorder.fill_rate_safety_stock(fill_rate double precision,
                                                 order_qty double precision,
                                                 demand_mean double precision,
                                                 demand_sd double precision,
                                                 lead_time_mean double precision,
                                                 lead_time_sd double precision DEFAULT 0)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'backorder_fill_rate_safety_stock'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION backorder.fill_rate_safety_stock(double precision, double precision,
                                                     double precision, double precision,
                                                     double precision, double precision) IS
    'Safety stock for a fill rate (share of demand met from stock) with replenishments of '
    'order_qty: z * sigma with G(z) = (1 - fill_rate) * order_qty / sigma. Zero when the order '
    'quantity alone meets the fill rate (never negative)';

------------------------------------------------------------------------------
-- Daily position: end-of-day snapshots
------------------------------------------------------------------------------

CREATE TABLE backorder.daily_position (
    day date NOT NULL,
    sku text NOT NULL,
    location text NOT NULL,
    on_hand numeric NOT NULL,
    reserved numeric NOT NULL,
    lines_waiting bigint NOT NULL,
    units_waiting numeric NOT NULL,
    on_order numeric NOT NULL,
    oldest_wait_days integer,
    lines_at_risk bigint NOT NULL,
    taken_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (day, sku, location)
);
COMMENT ON TABLE backorder.daily_position IS
    'End-of-day position per sku and location, written by backorder.snapshot()';
COMMENT ON COLUMN backorder.daily_position.day IS 'The business day the position closes';
COMMENT ON COLUMN backorder.daily_position.sku IS 'Stock-keeping unit';
COMMENT ON COLUMN backorder.daily_position.location IS 'Stock location';
COMMENT ON COLUMN backorder.daily_position.on_hand IS 'Units physically in stock';
COMMENT ON COLUMN backorder.daily_position.reserved IS
    'Units on hand reserved for order lines, not yet shipped';
COMMENT ON COLUMN backorder.daily_position.lines_waiting IS
    'Open order lines with units still waiting for stock (partial or backordered)';
COMMENT ON COLUMN backorder.daily_position.units_waiting IS 'Units those lines wait for';
COMMENT ON COLUMN backorder.daily_position.on_order IS 'Open supply not yet received';
COMMENT ON COLUMN backorder.daily_position.oldest_wait_days IS
    'Days the longest-waiting line has waited since entry; null when none waits';
COMMENT ON COLUMN backorder.daily_position.lines_at_risk IS
    'Waiting lines promised after the end of their delivery window';
COMMENT ON COLUMN backorder.daily_position.taken_at IS 'Wall-clock time of the latest snapshot';

CREATE FUNCTION backorder.snapshot(as_of date DEFAULT NULL)
    RETURNS bigint
    LANGUAGE sql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
WITH closing AS (
    SELECT coalesce(as_of, backorder.today()) AS day
), waiting AS (
    SELECT l.sku, l.location,
           count(*) AS lines,
           sum(l.qty - l.qty_shipped - l.qty_allocated) AS units,
           max(c.day - l.entered_on) AS oldest,
           count(*) FILTER (WHERE l.promised_date > l.cancel_after) AS at_risk
      FROM backorder.order_line l CROSS JOIN closing c
     WHERE l.status IN ('partial', 'backordered')
     GROUP BY l.sku, l.location
), ordered AS (
    SELECT p.sku, p.location, sum(p.qty - p.qty_received) AS units
      FROM backorder.supply p
     WHERE p.qty > p.qty_received
     GROUP BY p.sku, p.location
), written AS (
    INSERT INTO backorder.daily_position AS d
           (day, sku, location, on_hand, reserved, lines_waiting, units_waiting, on_order,
            oldest_wait_days, lines_at_risk, taken_at)
    SELECT c.day, s.sku, s.location, s.on_hand, s.allocated, coalesce(w.lines, 0),
           coalesce(w.units, 0), coalesce(o.units, 0), w.oldest, coalesce(w.at_risk, 0),
           clock_timestamp()
      FROM backorder.stock s
     CROSS JOIN closing c
      LEFT JOIN waiting w ON w.sku = s.sku AND w.location = s.location
      LEFT JOIN ordered o ON o.sku = s.sku AND o.location = s.location
    ON CONFLICT (day, sku, location) DO UPDATE
       SET on_hand = excluded.on_hand, reserved = excluded.reserved,
           lines_waiting = excluded.lines_waiting, units_waiting = excluded.units_waiting,
           on_order = excluded.on_order, oldest_wait_days = excluded.oldest_wait_days,
           lines_at_risk = excluded.lines_at_risk, taken_at = excluded.taken_at
    RETURNING 1
)
SELECT count(*) FROM written;
$$;
COMMENT ON FUNCTION backorder.snapshot(date) IS
    'Store the position of every sku and location as the close of as_of (default today); '
    'running it again for the same day replaces that day''s rows. Returns the rows written';

------------------------------------------------------------------------------
-- Back-order rate at entry
------------------------------------------------------------------------------

CREATE VIEW backorder.backorder_rate AS
WITH entered AS (
    SELECT l.entered_on, l.sku, l.location, l.channel, l.qty_at_entry,
           l.qty_allocated_at_entry,
           l.status = 'stockout' AS lost,
           l.status <> 'stockout' AND l.qty_allocated_at_entry < l.qty_at_entry AS backordered
      FROM backorder.order_line l
     WHERE l.qty_at_entry IS NOT NULL
)
SELECT e.entered_on AS day,
       e.sku,
       e.location,
       e.channel,
       count(*) AS lines_entered,
       sum(e.qty_at_entry) AS units_entered,
       count(*) FILTER (WHERE e.backordered) AS lines_backordered,
       coalesce(sum(e.qty_at_entry - e.qty_allocated_at_entry) FILTER (WHERE e.backordered), 0)
           AS units_backordered,
       count(*) FILTER (WHERE e.lost) AS lines_lost,
       coalesce(sum(e.qty_at_entry) FILTER (WHERE e.lost), 0) AS units_lost,
       round(count(*) FILTER (WHERE NOT e.backordered AND NOT e.lost)::numeric / count(*), 4)
           AS line_fill_rate,
       round(sum(e.qty_allocated_at_entry) / sum(e.qty_at_entry), 4) AS unit_fill_rate,
       round(count(*) FILTER (WHERE e.backordered)::numeric / count(*), 4) AS backorder_rate
  FROM entered e
 GROUP BY e.entered_on, e.sku, e.location, e.channel;
COMMENT ON VIEW backorder.backorder_rate IS
    'What order entry could serve, per day, sku, location and channel. For weekly or monthly '
    'figures sum the counts and units and divide again; do not average the rates';
COMMENT ON COLUMN backorder.backorder_rate.day IS 'Business day the lines were entered';
COMMENT ON COLUMN backorder.backorder_rate.sku IS 'Stock-keeping unit';
COMMENT ON COLUMN backorder.backorder_rate.location IS 'Stock location';
COMMENT ON COLUMN backorder.backorder_rate.channel IS 'Sales channel of the lines; null if none';
COMMENT ON COLUMN backorder.backorder_rate.lines_entered IS 'Order lines entered';
COMMENT ON COLUMN backorder.backorder_rate.units_entered IS
    'Units ordered on those lines, as entered';
COMMENT ON COLUMN backorder.backorder_rate.lines_backordered IS
    'Lines that could not be reserved in full at entry and waited';
COMMENT ON COLUMN backorder.backorder_rate.units_backordered IS
    'Units that could not be reserved at entry and waited';
COMMENT ON COLUMN backorder.backorder_rate.lines_lost IS
    'Lines refused at entry because the item is not backorderable (stockout, lost demand)';
COMMENT ON COLUMN backorder.backorder_rate.units_lost IS 'Units on the lost lines';
COMMENT ON COLUMN backorder.backorder_rate.line_fill_rate IS
    'Share of lines reserved in full at entry (0 to 1)';
COMMENT ON COLUMN backorder.backorder_rate.unit_fill_rate IS
    'Share of units reserved at entry (0 to 1)';
COMMENT ON COLUMN backorder.backorder_rate.backorder_rate IS
    'Share of lines back-ordered at entry (0 to 1): lines_backordered / lines_entered';

------------------------------------------------------------------------------
-- The open queue by age
------------------------------------------------------------------------------

CREATE VIEW backorder.backorder_aging AS
WITH buckets (age_bucket, first_day, last_day) AS (
    VALUES ('0-7', 0, 7), ('8-14', 8, 14), ('15-30', 15, 30), ('31-60', 31, 60),
           ('over 60', 61, NULL)
), waiting AS (
    SELECT l.sku, l.location, l.channel,
           backorder.today() - l.entered_on AS age,
           l.qty - l.qty_shipped - l.qty_allocated AS units
      FROM backorder.order_line l
     WHERE l.status IN ('partial', 'backordered')
)
SELECT w.sku,
       w.location,
       w.channel,
       b.age_bucket,
       b.first_day AS bucket_start_days,
       count(*) AS lines_waiting,
       sum(w.units) AS units_waiting,
       max(w.age) AS oldest_days
  FROM waiting w
  JOIN buckets b ON w.age >= b.first_day AND (b.last_day IS NULL OR w.age <= b.last_day)
 GROUP BY w.sku, w.location, w.channel, b.age_bucket, b.first_day;
COMMENT ON VIEW backorder.backorder_aging IS
    'Lines waiting for stock today, by days since entry: 0-7, 8-14, 15-30, 31-60, over 60';
COMMENT ON COLUMN backorder.backorder_aging.sku IS 'Stock-keeping unit';
COMMENT ON COLUMN backorder.backorder_aging.location IS 'Stock location';
COMMENT ON COLUMN backorder.backorder_aging.channel IS 'Sales channel; null if none';
COMMENT ON COLUMN backorder.backorder_aging.age_bucket IS
    'Days since entry: 0-7, 8-14, 15-30, 31-60 or over 60';
COMMENT ON COLUMN backorder.backorder_aging.bucket_start_days IS
    'First day of the bucket (0, 8, 15, 31, 61); sort buckets by it';
COMMENT ON COLUMN backorder.backorder_aging.lines_waiting IS
    'Open lines with units still waiting (partial or backordered)';
COMMENT ON COLUMN backorder.backorder_aging.units_waiting IS 'Units those lines wait for';
COMMENT ON COLUMN backorder.backorder_aging.oldest_days IS 'Days the oldest of them has waited';

------------------------------------------------------------------------------
-- Back orders one by one: fill time and promises
------------------------------------------------------------------------------

-- A back order is a line that could not be reserved in full at entry (and was
-- not refused as a stockout). It is filled the business day of its last
-- 'ready' event, once all it still needs is reserved (status allocated or
-- shipped); a cancelled or expired one is never filled.
CREATE VIEW backorder.backorder_history AS
WITH line_events AS (
    SELECT e.line_id,
           max(e.business_date) FILTER (WHERE e.kind = 'ready') AS last_ready_on,
           count(*) FILTER (WHERE e.kind = 'promise_changed') AS promise_changes,
           count(*) FILTER (WHERE e.kind = 'promise_changed' AND e.new_date > e.old_date)
               AS promise_delays
      FROM backorder.event e
     WHERE e.kind IN ('ready', 'promise_changed')
     GROUP BY e.line_id
), back_order AS (
    SELECT l.*,
           CASE WHEN l.status IN ('allocated', 'shipped') THEN e.last_ready_on END AS filled_on,
           coalesce(e.promise_changes, 0) AS promise_changes,
           coalesce(e.promise_delays, 0) AS promise_delays
      FROM backorder.order_line l
      LEFT JOIN line_events e ON e.line_id = l.line_id
     WHERE l.status <> 'stockout' AND l.qty_allocated_at_entry < l.qty_at_entry
)
SELECT b.line_id,
       b.order_ref,
       b.sku,
       b.location,
       b.channel,
       b.customer,
       b.entered_on,
       b.requested_date,
       b.cancel_after,
       b.qty_at_entry AS units_entered,
       b.qty_at_entry - b.qty_allocated_at_entry AS units_backordered,
       CASE WHEN b.status IN ('allocated', 'shipped') THEN 'filled'
            WHEN b.status = 'cancelled' THEN 'cancelled'
            ELSE 'open' END AS outcome,
       b.promised_date_at_entry AS first_promised_date,
       b.promised_date,
       b.promise_changes AS times_repromised,
       b.promise_delays AS times_delayed,
       b.filled_on,
       b.filled_on - b.entered_on AS days_to_fill,
       b.filled_on <= b.promised_date_at_entry AS on_time_to_promise,
       b.filled_on <= b.requested_date AS on_time_to_request,
       b.filled_on - b.promised_date_at_entry AS days_past_promise
  FROM back_order b;
COMMENT ON VIEW backorder.backorder_history IS
    'Every line that could not be reserved in full at entry: how long it waited and how its '
    'promise held';
COMMENT ON COLUMN backorder.backorder_history.line_id IS 'The order line';
COMMENT ON COLUMN backorder.backorder_history.order_ref IS 'The customer order it belongs to';
COMMENT ON COLUMN backorder.backorder_history.sku IS 'Stock-keeping unit';
COMMENT ON COLUMN backorder.backorder_history.location IS 'Stock location';
COMMENT ON COLUMN backorder.backorder_history.channel IS 'Sales channel; null if none';
COMMENT ON COLUMN backorder.backorder_history.customer IS 'Customer; null if none';
COMMENT ON COLUMN backorder.backorder_history.entered_on IS 'Business day the line was entered';
COMMENT ON COLUMN backorder.backorder_history.requested_date IS 'Date the customer asked for';
COMMENT ON COLUMN backorder.backorder_history.cancel_after IS
    'End of the delivery window; null for none';
COMMENT ON COLUMN backorder.backorder_history.units_entered IS 'Units ordered, as entered';
COMMENT ON COLUMN backorder.backorder_history.units_backordered IS
    'Units that could not be reserved at entry';
COMMENT ON COLUMN backorder.backorder_history.outcome IS
    'open (still waiting), filled (all it needs reserved or shipped) or cancelled '
    '(cancelled, expired)';
COMMENT ON COLUMN backorder.backorder_history.first_promised_date IS
    'The date promised at entry for the last unit';
COMMENT ON COLUMN backorder.backorder_history.promised_date IS
    'The date promised now (the last promise for a closed line)';
COMMENT ON COLUMN backorder.backorder_history.times_repromised IS
    'How many times the promise moved (promise_changed events), earlier or later';
COMMENT ON COLUMN backorder.backorder_history.times_delayed IS
    'How many of those moves pushed the promise later';
COMMENT ON COLUMN backorder.backorder_history.filled_on IS
    'Business day the last waiting unit was reserved; null unless the outcome is filled';
COMMENT ON COLUMN backorder.backorder_history.days_to_fill IS 'filled_on - entered_on';
COMMENT ON COLUMN backorder.backorder_history.on_time_to_promise IS
    'Filled on or before the date promised at entry; null unless filled';
COMMENT ON COLUMN backorder.backorder_history.on_time_to_request IS
    'Filled on or before the requested date; null unless filled';
COMMENT ON COLUMN backorder.backorder_history.days_past_promise IS
    'filled_on - first_promised_date: positive when late, negative when early';

CREATE VIEW backorder.time_to_fill AS
SELECT date_trunc('month', h.filled_on)::date AS month,
       h.sku,
       h.location,
       count(*) AS back_orders_filled,
       round(avg(h.days_to_fill), 2) AS mean_days,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY h.days_to_fill) AS median_days,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY h.days_to_fill) AS p90_days,
       max(h.days_to_fill) AS max_days
  FROM backorder.backorder_history h
 WHERE h.filled_on IS NOT NULL
 GROUP BY 1, h.sku, h.location;
COMMENT ON VIEW backorder.time_to_fill IS
    'Days from entry to fill of the back orders filled in a month, per sku and location';
COMMENT ON COLUMN backorder.time_to_fill.month IS 'First day of the month the back orders filled';
COMMENT ON COLUMN backorder.time_to_fill.sku IS 'Stock-keeping unit';
COMMENT ON COLUMN backorder.time_to_fill.location IS 'Stock location';
COMMENT ON COLUMN backorder.time_to_fill.back_orders_filled IS 'Back orders filled that month';
COMMENT ON COLUMN backorder.time_to_fill.mean_days IS 'Mean days to fill';
COMMENT ON COLUMN backorder.time_to_fill.median_days IS
    'Median days to fill (interpolated, as percentile_cont)';
COMMENT ON COLUMN backorder.time_to_fill.p90_days IS
    '90th percentile of days to fill (interpolated, as percentile_cont)';
COMMENT ON COLUMN backorder.time_to_fill.max_days IS 'Longest days to fill';

CREATE VIEW backorder.promise_accuracy AS
SELECT date_trunc('month', h.filled_on)::date AS month,
       h.sku,
       h.location,
       count(*) AS back_orders_filled,
       count(*) FILTER (WHERE h.on_time_to_promise) AS lines_on_time_to_promise,
       round(count(*) FILTER (WHERE h.on_time_to_promise)::numeric / count(*), 4)
           AS on_time_to_promise_rate,
       count(*) FILTER (WHERE h.on_time_to_request) AS lines_on_time_to_request,
       round(count(*) FILTER (WHERE h.on_time_to_request)::numeric / count(*), 4)
           AS on_time_to_request_rate,
       count(*) FILTER (WHERE h.times_repromised > 0) AS lines_repromised,
       round(count(*) FILTER (WHERE h.times_repromised > 0)::numeric / count(*), 4)
           AS repromised_rate,
       sum(h.times_repromised) AS promise_changes,
       sum(h.times_delayed) AS promise_delays
  FROM backorder.backorder_history h
 WHERE h.filled_on IS NOT NULL
 GROUP BY 1, h.sku, h.location;
COMMENT ON VIEW backorder.promise_accuracy IS
    'How the promises of the back orders filled in a month held, per sku and location';
COMMENT ON COLUMN backorder.promise_accuracy.month IS
    'First day of the month the back orders filled';
COMMENT ON COLUMN backorder.promise_accuracy.sku IS 'Stock-keeping unit';
COMMENT ON COLUMN backorder.promise_accuracy.location IS 'Stock location';
COMMENT ON COLUMN backorder.promise_accuracy.back_orders_filled IS 'Back orders filled that month';
COMMENT ON COLUMN backorder.promise_accuracy.lines_on_time_to_promise IS
    'Filled on or before the date promised at entry';
COMMENT ON COLUMN backorder.promise_accuracy.on_time_to_promise_rate IS
    'lines_on_time_to_promise / back_orders_filled (0 to 1)';
COMMENT ON COLUMN backorder.promise_accuracy.lines_on_time_to_request IS
    'Filled on or before the requested date';
COMMENT ON COLUMN backorder.promise_accuracy.on_time_to_request_rate IS
    'lines_on_time_to_request / back_orders_filled (0 to 1)';
COMMENT ON COLUMN backorder.promise_accuracy.lines_repromised IS
    'Lines whose promise moved at least once';
COMMENT ON COLUMN backorder.promise_accuracy.repromised_rate IS
    'lines_repromised / back_orders_filled (0 to 1)';
COMMENT ON COLUMN backorder.promise_accuracy.promise_changes IS
    'Promise moves of these lines (promise_changed events)';
COMMENT ON COLUMN backorder.promise_accuracy.promise_delays IS
    'Promise moves that pushed the date later';

------------------------------------------------------------------------------
-- Supplier performance
------------------------------------------------------------------------------

-- Units reserved from a receipt went to lines that were waiting: their wait
-- ended that day. The part of the wait after the supply's first expected date
-- is what an on-time delivery would have saved.
CREATE VIEW backorder.supplier_receipts AS
WITH served AS (
    SELECT e.receipt_id,
           sum(e.qty) AS units,
           sum(e.qty * (e.business_date - l.entered_on)) AS unit_days,
           sum(e.qty * least(e.business_date - l.entered_on,
                             greatest(r.received_on - s.expected_date_at_order, 0)))
               AS late_unit_days
      FROM backorder.event e
      JOIN backorder.order_line l ON l.line_id = e.line_id
      JOIN backorder.receipt r ON r.receipt_id = e.receipt_id
      JOIN backorder.supply s ON s.supply_id = r.supply_id
     WHERE e.kind = 'allocated' AND e.receipt_id IS NOT NULL
     GROUP BY e.receipt_id
)
SELECT r.receipt_id,
       r.supply_id,
       s.supplier,
       s.reference,
       r.sku,
       r.location,
       s.ordered_on,
       s.expected_date_at_order AS expected_date,
       r.received_on,
       r.qty,
       r.received_on - s.ordered_on AS lead_time_days,
       r.received_on - s.expected_date_at_order AS days_late,
       r.received_on <= s.expected_date_at_order AS on_time,
       coalesce(w.units, 0) AS back_order_units_filled,
       coalesce(w.unit_days, 0) AS waiting_unit_days,
       coalesce(w.late_unit_days, 0) AS late_unit_days
  FROM backorder.receipt r
  JOIN backorder.supply s ON s.supply_id = r.supply_id
  LEFT JOIN served w ON w.receipt_id = r.receipt_id;
COMMENT ON VIEW backorder.supplier_receipts IS
    'Every receipt against supply: lead time achieved, delay, and the back orders it filled';
COMMENT ON COLUMN backorder.supplier_receipts.receipt_id IS 'The receipt';
COMMENT ON COLUMN backorder.supplier_receipts.supply_id IS
    'The supply (purchase-order line) received';
COMMENT ON COLUMN backorder.supplier_receipts.supplier IS 'Supplier of that supply';
COMMENT ON COLUMN backorder.supplier_receipts.reference IS 'Purchase-order reference';
COMMENT ON COLUMN backorder.supplier_receipts.sku IS 'Stock-keeping unit';
COMMENT ON COLUMN backorder.supplier_receipts.location IS 'Stock location';
COMMENT ON COLUMN backorder.supplier_receipts.ordered_on IS 'Day the supply was ordered';
COMMENT ON COLUMN backorder.supplier_receipts.expected_date IS
    'Date the supply was first expected (expected_date_at_order)';
COMMENT ON COLUMN backorder.supplier_receipts.received_on IS 'Business day the goods arrived';
COMMENT ON COLUMN backorder.supplier_receipts.qty IS 'Units received';
COMMENT ON COLUMN backorder.supplier_receipts.lead_time_days IS
    'Lead time achieved: received_on - ordered_on';
COMMENT ON COLUMN backorder.supplier_receipts.days_late IS
    'received_on - expected_date: positive when late, negative when early';
COMMENT ON COLUMN backorder.supplier_receipts.on_time IS 'Received on or before expected_date';
COMMENT ON COLUMN backorder.supplier_receipts.back_order_units_filled IS
    'Units of this receipt reserved at once for waiting lines';
COMMENT ON COLUMN backorder.supplier_receipts.waiting_unit_days IS
    'Units filled times the days their lines had waited since entry';
COMMENT ON COLUMN backorder.supplier_receipts.late_unit_days IS
    'The part of waiting_unit_days after expected_date: the wait an on-time delivery saves';

CREATE VIEW backorder.supplier_performance AS
WITH suppliers AS (
    SELECT DISTINCT p.supplier FROM backorder.supply p
), receipts AS (
    SELECT r.supplier,
           count(*) AS receipts,
           sum(r.qty) AS units_received,
           round(avg(r.lead_time_days), 2) AS lead_time_mean_days,
           round(stddev_samp(r.lead_time_days), 2) AS lead_time_sd_days,
           round(avg(r.days_late), 2) AS mean_days_late,
           round(count(*) FILTER (WHERE r.on_time)::numeric / count(*), 4) AS on_time_rate,
           sum(r.back_order_units_filled) AS back_order_units_filled,
           sum(r.waiting_unit_days) AS waiting_unit_days,
           sum(r.late_unit_days) AS late_unit_days
      FROM backorder.supplier_receipts r
     GROUP BY r.supplier
), received AS (
    SELECT r.supply_id, sum(r.qty) AS qty
      FROM backorder.receipt r
     WHERE r.supply_id IS NOT NULL
     GROUP BY r.supply_id
), lines AS (
    SELECT p.supplier,
           count(*) FILTER (WHERE p.qty_received >= p.qty) AS supply_lines_closed,
           count(*) FILTER (WHERE p.qty_received >= p.qty
                              AND coalesce(d.qty, 0) >= p.qty_at_order) AS supply_lines_in_full,
           round(avg(coalesce(d.qty, 0) / p.qty_at_order) FILTER (WHERE p.qty_received >= p.qty),
                 4) AS quantity_accuracy,
           count(*) FILTER (WHERE p.qty_received < p.qty) AS supply_lines_open,
           coalesce(sum(p.qty - p.qty_received) FILTER (WHERE p.qty_received < p.qty), 0)
               AS units_on_order,
           coalesce(sum(p.qty - p.qty_received)
                        FILTER (WHERE p.qty_received < p.qty
                                  AND p.expected_date < backorder.today()), 0) AS units_overdue
      FROM backorder.supply p
      LEFT JOIN received d ON d.supply_id = p.supply_id
     GROUP BY p.supplier
)
SELECT s.supplier,
       coalesce(r.receipts, 0) AS receipts,
       coalesce(r.units_received, 0) AS units_received,
       r.lead_time_mean_days,
       r.lead_time_sd_days,
       r.mean_days_late,
       r.on_time_rate,
       n.supply_lines_closed,
       n.supply_lines_in_full,
       n.quantity_accuracy,
       n.supply_lines_open,
       n.units_on_order,
       n.units_overdue,
       coalesce(r.back_order_units_filled, 0) AS back_order_units_filled,
       coalesce(r.waiting_unit_days, 0) AS waiting_unit_days,
       coalesce(r.late_unit_days, 0) AS late_unit_days
  FROM suppliers s
  LEFT JOIN receipts r ON r.supplier IS NOT DISTINCT FROM s.supplier
  LEFT JOIN lines n ON n.supplier IS NOT DISTINCT FROM s.supplier;
COMMENT ON VIEW backorder.supplier_performance IS
    'Per supplier over all history: lead time achieved, punctuality, quantity accuracy, open '
    'supply and the waiting its receipts ended. For a period, filter supplier_receipts instead';
COMMENT ON COLUMN backorder.supplier_performance.supplier IS
    'Supplier; null for supply without one';
COMMENT ON COLUMN backorder.supplier_performance.receipts IS 'Receipts against its supply';
COMMENT ON COLUMN backorder.supplier_performance.units_received IS 'Units those receipts brought';
COMMENT ON COLUMN backorder.supplier_performance.lead_time_mean_days IS
    'Mean lead time achieved in days (ordered to received, per receipt)';
COMMENT ON COLUMN backorder.supplier_performance.lead_time_sd_days IS
    'Sample standard deviation of that lead time; null with fewer than two receipts';
COMMENT ON COLUMN backorder.supplier_performance.mean_days_late IS
    'Mean days received after the first expected date (negative: early)';
COMMENT ON COLUMN backorder.supplier_performance.on_time_rate IS
    'Share of receipts on or before the first expected date (0 to 1)';
COMMENT ON COLUMN backorder.supplier_performance.supply_lines_closed IS
    'Supply lines received in full or cut to what was received';
COMMENT ON COLUMN backorder.supplier_performance.supply_lines_in_full IS
    'Closed supply lines that received at least the quantity first ordered';
COMMENT ON COLUMN backorder.supplier_performance.quantity_accuracy IS
    'Mean of units received / units first ordered over closed supply lines (1 is exact)';
COMMENT ON COLUMN backorder.supplier_performance.supply_lines_open IS
    'Supply lines still expecting goods';
COMMENT ON COLUMN backorder.supplier_performance.units_on_order IS 'Units still expected';
COMMENT ON COLUMN backorder.supplier_performance.units_overdue IS
    'Units still expected whose expected date has passed';
COMMENT ON COLUMN backorder.supplier_performance.back_order_units_filled IS
    'Units of its receipts reserved at once for waiting lines';
COMMENT ON COLUMN backorder.supplier_performance.waiting_unit_days IS
    'Units filled times the days their lines had waited';
COMMENT ON COLUMN backorder.supplier_performance.late_unit_days IS
    'The part of that wait after the first expected date: waiting the supplier caused';

------------------------------------------------------------------------------
-- Replenishment advice
------------------------------------------------------------------------------

CREATE FUNCTION backorder.replenishment_advice(service_level numeric DEFAULT 0.95,
                                               history_days integer DEFAULT 90,
                                               as_of date DEFAULT NULL)
    RETURNS TABLE (sku text, location text, demand_mean double precision,
                   demand_sd double precision, lead_time_mean double precision,
                   lead_time_sd double precision, lead_time_source text,
                   safety_stock numeric, reorder_point numeric, on_hand numeric,
                   on_order numeric, reserved numeric, waiting numeric,
                   inventory_position numeric, order_now boolean, order_qty numeric,
                   line_fill_rate numeric, high_backorder_rate boolean, likely_cause text)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    last_day date := coalesce(as_of, backorder.today()) - 1;
    first_day date;
    split_day date;
    level double precision := service_level;
BEGIN
    IF service_level IS NULL OR history_days IS NULL THEN
        RAISE EXCEPTION 'service_level and history_days must not be null'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    -- Validates the service level with the core's message.
    PERFORM backorder.inverse_normal(level);
    IF history_days < 2 OR history_days > 3650 THEN
        RAISE EXCEPTION 'history_days must be between 2 and 3650'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The value given was "%s".', history_days);
    END IF;
    first_day := last_day - (history_days - 1);
    -- The older half of the window ends the day before split_day.
    split_day := first_day + history_days / 2;

    RETURN QUERY
    WITH daily AS (
        SELECT l.sku, l.location, l.entered_on, sum(l.qty_at_entry) AS units
          FROM backorder.order_line l
         WHERE l.entered_on BETWEEN first_day AND last_day AND l.qty_at_entry IS NOT NULL
         GROUP BY l.sku, l.location, l.entered_on
    ), demand AS (
        -- Days without orders count as zero demand.
        SELECT d.sku, d.location,
               sum(d.units) / history_days AS mean,
               sqrt(greatest(sum(d.units * d.units) - sum(d.units) ^ 2 / history_days, 0)
                    / (history_days - 1)) AS sd
          FROM daily d
         GROUP BY d.sku, d.location
    ), lead_times AS (
        SELECT r.sku, r.location,
               avg(r.received_on - p.ordered_on) AS mean,
               coalesce(stddev_samp(r.received_on - p.ordered_on), 0) AS sd
          FROM backorder.receipt r
          JOIN backorder.supply p ON p.supply_id = r.supply_id
         WHERE r.received_on <= last_day
         GROUP BY r.sku, r.location
    ), punctuality AS (
        SELECT r.sku, r.location,
               count(*) FILTER (WHERE r.received_on <= p.expected_date_at_order)::numeric
                   / count(*) AS on_time_rate
          FROM backorder.receipt r
          JOIN backorder.supply p ON p.supply_id = r.supply_id
         WHERE r.received_on BETWEEN first_day AND last_day
         GROUP BY r.sku, r.location
    ), entry AS (
        SELECT l.sku, l.location,
               count(*) AS lines,
               count(*) FILTER (WHERE l.qty_allocated_at_entry = l.qty_at_entry) AS filled,
               count(*) FILTER (WHERE l.entered_on < split_day) AS older_lines,
               count(*) FILTER (WHERE l.entered_on < split_day
                                  AND l.qty_allocated_at_entry = l.qty_at_entry) AS older_filled,
               count(*) FILTER (WHERE l.entered_on >= split_day) AS recent_lines,
               count(*) FILTER (WHERE l.entered_on >= split_day
                                  AND l.qty_allocated_at_entry = l.qty_at_entry) AS recent_filled
          FROM backorder.order_line l
         WHERE l.entered_on BETWEEN first_day AND last_day AND l.qty_at_entry IS NOT NULL
         GROUP BY l.sku, l.location
    ), ordered AS (
        SELECT p.sku, p.location, sum(p.qty - p.qty_received) AS units
          FROM backorder.supply p
         WHERE p.qty > p.qty_received
         GROUP BY p.sku, p.location
    ), inputs AS (
        SELECT s.sku, s.location,
               coalesce(d.mean, 0)::double precision AS demand_mean,
               coalesce(d.sd, 0)::double precision AS demand_sd,
               coalesce(t.mean, i.lead_time_days)::double precision AS lead_time_mean,
               coalesce(t.sd, 0)::double precision AS lead_time_sd,
               CASE WHEN t.sku IS NULL THEN 'item' ELSE 'receipts' END AS lead_time_source,
               s.on_hand, coalesce(o.units, 0) AS on_order, s.allocated AS reserved,
               s.backordered AS waiting,
               s.on_hand + coalesce(o.units, 0) - s.allocated - s.backordered AS position,
               e.lines, e.filled, e.older_lines, e.older_filled, e.recent_lines,
               e.recent_filled, u.on_time_rate
          FROM backorder.stock s
          JOIN backorder.item i ON i.sku = s.sku
          LEFT JOIN demand d ON d.sku = s.sku AND d.location = s.location
          LEFT JOIN lead_times t ON t.sku = s.sku AND t.location = s.location
          LEFT JOIN punctuality u ON u.sku = s.sku AND u.location = s.location
          LEFT JOIN entry e ON e.sku = s.sku AND e.location = s.location
          LEFT JOIN ordered o ON o.sku = s.sku AND o.location = s.location
    ), planned AS (
        SELECT n.*,
               round(backorder.safety_stock(level, n.demand_mean, n.demand_sd,
                                            n.lead_time_mean, n.lead_time_sd)::numeric, 6)
                   AS safety_stock,
               round(backorder.reorder_point(level, n.demand_mean, n.demand_sd,
                                             n.lead_time_mean, n.lead_time_sd)::numeric, 6)
                   AS reorder_point,
               coalesce(n.older_filled::numeric / nullif(n.older_lines, 0) < service_level
                        AND n.recent_filled::numeric / nullif(n.recent_lines, 0) < service_level,
                        false) AS high_rate
          FROM inputs n
    )
    SELECT p.sku, p.location, p.demand_mean, p.demand_sd, p.lead_time_mean, p.lead_time_sd,
           p.lead_time_source, p.safety_stock, p.reorder_point, p.on_hand, p.on_order,
           p.reserved, p.waiting, p.position,
           p.position < p.reorder_point,
           CASE WHEN p.position < p.reorder_point THEN ceil(p.reorder_point - p.position)
                ELSE 0 END,
           round(p.filled::numeric / nullif(p.lines, 0), 4),
           p.high_rate,
           CASE WHEN NOT p.high_rate THEN NULL
                WHEN p.on_time_rate < service_level THEN 'supplier late'
                ELSE 'demand above forecast' END
      FROM planned p
     ORDER BY p.sku, p.location;
END;
$$;
COMMENT ON FUNCTION backorder.replenishment_advice(numeric, integer, date) IS
    'Per sku and location: demand and lead time from history, safety stock and reorder point '
    'for the cycle service level, inventory position, whether and how much to order now, and '
    'a flag for a persistently high back-order rate with its likely cause';

-- Snapshots are history that cannot be rebuilt: pg_dump keeps their rows.
SELECT pg_catalog.pg_extension_config_dump('backorder.daily_position', '');
