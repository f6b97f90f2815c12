------------------------------------------------------------------------------
-- The invariant check
------------------------------------------------------------------------------

-- Written in SQL on purpose: it recomputes every maintained number from the
-- base rows (lines, receipts, adjustments, shipments, the ledger) without the
-- C++ engine, so a bug there cannot hide itself here.
CREATE FUNCTION backorder.check()
    RETURNS TABLE (sku text, location text, line_id bigint, problem text)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
WITH lines AS (
    SELECT l.sku, l.location,
           sum(l.qty_allocated) AS allocated,
           sum(l.qty - l.qty_shipped - l.qty_allocated)
               FILTER (WHERE l.status IN ('allocated', 'partial', 'backordered')) AS waiting
      FROM backorder.order_line l
     GROUP BY l.sku, l.location
), ledger AS (
    SELECT a.sku, a.location, sum(a.qty) AS qty
      FROM backorder.allocation a
     GROUP BY a.sku, a.location
), received AS (
    SELECT r.sku, r.location, sum(r.qty) AS qty
      FROM backorder.receipt r
     GROUP BY r.sku, r.location
), adjusted AS (
    SELECT a.sku, a.location, sum(a.delta) AS qty
      FROM backorder.adjustment a
     GROUP BY a.sku, a.location
), shipped AS (
    SELECT h.sku, h.location, sum(h.qty) AS qty
      FROM backorder.shipment h
     GROUP BY h.sku, h.location
), keys AS (
    SELECT s.sku, s.location FROM backorder.stock s
    UNION SELECT l.sku, l.location FROM backorder.order_line l
    UNION SELECT p.sku, p.location FROM backorder.supply p
    UNION SELECT r.sku, r.location FROM backorder.receipt r
    UNION SELECT a.sku, a.location FROM backorder.adjustment a
    UNION SELECT a.sku, a.location FROM backorder.allocation a
), books AS (
    SELECT k.sku, k.location,
           s.sku IS NULL AS no_stock_row,
           coalesce(s.on_hand, 0) AS on_hand,
           coalesce(s.allocated, 0) AS allocated,
           coalesce(s.backordered, 0) AS backordered,
           coalesce(l.allocated, 0) AS lines_allocated,
           coalesce(l.waiting, 0) AS lines_waiting,
           coalesce(g.qty, 0) AS ledger,
           coalesce(r.qty, 0) + coalesce(a.qty, 0) - coalesce(h.qty, 0) AS counted
      FROM keys k
      LEFT JOIN backorder.stock s ON s.sku = k.sku AND s.location = k.location
      LEFT JOIN lines l ON l.sku = k.sku AND l.location = k.location
      LEFT JOIN ledger g ON g.sku = k.sku AND g.location = k.location
      LEFT JOIN received r ON r.sku = k.sku AND r.location = k.location
      LEFT JOIN adjusted a ON a.sku = k.sku AND a.location = k.location
      LEFT JOIN shipped h ON h.sku = k.sku AND h.location = k.location
), line_books AS (
    SELECT l.sku, l.location, l.line_id, l.qty, l.qty_allocated, l.qty_shipped, l.status,
           l.requested_date, l.promised_date,
           l.status IN ('allocated', 'partial', 'backordered') AS open,
           coalesce((SELECT sum(a.qty) FROM backorder.allocation a
                      WHERE a.line_id = l.line_id), 0) AS ledger,
           coalesce((SELECT sum(h.qty) FROM backorder.shipment h
                      WHERE h.line_id = l.line_id), 0) AS shipments
      FROM backorder.order_line l
), problems AS (
    SELECT b.sku, b.location, NULL::bigint AS line_id,
           'lines, supply, receipts or ledger rows without a stock row' AS problem
      FROM books b WHERE b.no_stock_row
    UNION ALL
    SELECT b.sku, b.location, NULL, 'allocated is negative'
      FROM books b WHERE b.allocated < 0
    UNION ALL
    SELECT b.sku, b.location, NULL, 'on hand is below allocated'
      FROM books b WHERE b.on_hand < b.allocated
    UNION ALL
    SELECT b.sku, b.location, NULL, 'allocated differs from what the lines hold'
      FROM books b WHERE b.allocated <> b.lines_allocated
    UNION ALL
    SELECT b.sku, b.location, NULL, 'allocated differs from the allocation ledger'
      FROM books b WHERE b.allocated <> b.ledger
    UNION ALL
    SELECT b.sku, b.location, NULL, 'backordered differs from what open lines wait for'
      FROM books b WHERE b.backordered <> b.lines_waiting
    UNION ALL
    SELECT b.sku, b.location, NULL, 'on hand differs from receipts + adjustments - shipments'
      FROM books b WHERE b.on_hand <> b.counted
    UNION ALL
    SELECT b.sku, b.location, NULL, 'stock is available while lines wait'
      FROM books b WHERE b.lines_waiting > 0 AND b.on_hand > b.allocated
    UNION ALL
    SELECT l.sku, l.location, l.line_id, 'quantities out of bounds'
      FROM line_books l
     WHERE l.qty <= 0 OR l.qty_allocated < 0 OR l.qty_shipped < 0
        OR l.qty_allocated + l.qty_shipped > l.qty
    UNION ALL
    SELECT l.sku, l.location, l.line_id, 'status disagrees with quantities'
      FROM line_books l
     WHERE l.status <> CASE
               WHEN l.status IN ('cancelled', 'stockout') THEN l.status
               WHEN l.qty_shipped = l.qty THEN 'shipped'
               WHEN l.qty_allocated + l.qty_shipped = l.qty THEN 'allocated'
               WHEN l.qty_allocated > 0 THEN 'partial'
               ELSE 'backordered' END
    UNION ALL
    SELECT l.sku, l.location, l.line_id, 'closed line holds a reservation'
      FROM line_books l WHERE NOT l.open AND l.qty_allocated <> 0
    UNION ALL
    SELECT l.sku, l.location, l.line_id, 'allocation ledger differs from the reservation'
      FROM line_books l WHERE l.ledger <> l.qty_allocated
    UNION ALL
    SELECT l.sku, l.location, l.line_id, 'shipments differ from qty_shipped'
      FROM line_books l WHERE l.shipments <> l.qty_shipped
    UNION ALL
    SELECT l.sku, l.location, l.line_id, 'open line without a promised date'
      FROM line_books l WHERE l.open AND l.promised_date IS NULL
    UNION ALL
    SELECT l.sku, l.location, l.line_id, 'promised before the requested date'
      FROM line_books l
     WHERE l.open AND l.qty_allocated + l.qty_shipped < l.qty
       AND l.promised_date < l.requested_date
    UNION ALL
    SELECT l.sku, l.location, l.line_id, 'entry not recorded'
      FROM backorder.order_line l
     WHERE l.qty_at_entry IS NULL OR l.qty_allocated_at_entry IS NULL
        OR l.qty_allocated_at_entry > l.qty_at_entry
        OR (l.promised_date_at_entry IS NULL) <> (l.status = 'stockout')
    UNION ALL
    SELECT a.sku, a.location, a.line_id, 'allocation ledger of a deleted line does not net to zero'
      FROM backorder.allocation a
     WHERE NOT EXISTS (SELECT FROM backorder.order_line l WHERE l.line_id = a.line_id)
     GROUP BY a.sku, a.location, a.line_id
    HAVING sum(a.qty) <> 0
    UNION ALL
    SELECT p.sku, p.location, NULL,
           'supply ' || p.supply_id || ' received more than its qty or its receipts'
      FROM backorder.supply p
     WHERE p.qty_received < 0 OR p.qty_received > p.qty
        OR p.qty_received > (SELECT coalesce(sum(r.qty), 0) FROM backorder.receipt r
                              WHERE r.supply_id = p.supply_id)
)
SELECT p.sku, p.location, p.line_id, p.problem
  FROM problems p
 ORDER BY p.sku, p.location, p.line_id NULLS FIRST, p.problem
$$;
COMMENT ON FUNCTION backorder.check() IS
    'The engine''s invariants recomputed from base rows: one row per violation, none when healthy';
