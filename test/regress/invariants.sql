-- The engine's invariants, recomputed from base rows: no rows means healthy.
SELECT sku, location, problem FROM (
    SELECT s.sku, s.location, 'on hand below allocated, or allocated negative' AS problem
      FROM backorder.stock s WHERE s.on_hand < s.allocated OR s.allocated < 0
    UNION ALL
    SELECT s.sku, s.location, 'allocated is not the sum of the lines'
      FROM backorder.stock s
     WHERE s.allocated <> (SELECT coalesce(sum(l.qty_allocated), 0) FROM backorder.order_line l
                            WHERE l.sku = s.sku AND l.location = s.location)
    UNION ALL
    SELECT s.sku, s.location, 'backordered is not the sum of what waits'
      FROM backorder.stock s
     WHERE s.backordered <> (SELECT coalesce(sum(l.qty - l.qty_shipped - l.qty_allocated), 0)
                               FROM backorder.order_line l
                              WHERE l.sku = s.sku AND l.location = s.location
                                AND l.status IN ('partial', 'backordered'))
    UNION ALL
    SELECT s.sku, s.location, 'on hand is not receipts + adjustments - shipments'
      FROM backorder.stock s
     WHERE s.on_hand <> (SELECT coalesce(sum(qty), 0) FROM backorder.receipt r
                          WHERE r.sku = s.sku AND r.location = s.location)
                      + (SELECT coalesce(sum(delta), 0) FROM backorder.adjustment a
                          WHERE a.sku = s.sku AND a.location = s.location)
                      - (SELECT coalesce(sum(qty), 0) FROM backorder.shipment h
                          WHERE h.sku = s.sku AND h.location = s.location)
    UNION ALL
    SELECT l.sku, l.location, 'line ' || l.line_id || ': ledger differs from reservation'
      FROM backorder.order_line l
     WHERE l.qty_allocated <> (SELECT coalesce(sum(a.qty), 0) FROM backorder.allocation a
                                WHERE a.line_id = l.line_id)
    UNION ALL
    SELECT l.sku, l.location, 'line ' || l.line_id || ': quantities out of bounds'
      FROM backorder.order_line l
     WHERE l.qty_allocated < 0 OR l.qty_shipped < 0 OR l.qty_allocated + l.qty_shipped > l.qty
    UNION ALL
    SELECT l.sku, l.location, 'line ' || l.line_id || ': status disagrees with quantities'
      FROM backorder.order_line l
     WHERE l.status <> CASE
               WHEN l.status IN ('cancelled', 'stockout') THEN l.status
               WHEN l.qty_shipped = l.qty THEN 'shipped'
               WHEN l.qty_allocated + l.qty_shipped = l.qty THEN 'allocated'
               WHEN l.qty_allocated > 0 THEN 'partial'
               ELSE 'backordered' END
    UNION ALL
    SELECT l.sku, l.location, 'line ' || l.line_id || ': open without a promised date'
      FROM backorder.order_line l
     WHERE l.status IN ('allocated', 'partial', 'backordered') AND l.promised_date IS NULL
) problems
ORDER BY 1, 2, 3;
