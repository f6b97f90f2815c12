-- The invariants of the baseline (psql variable schema), set-based so that
-- it stays fast on the benchmark's million rows: prints the number of broken
-- ones (0: healthy). The rules of backorder.check() that the baseline's
-- tables can break.
WITH lines AS (
    SELECT sku, location, sum(qty_allocated) AS allocated,
           coalesce(sum(qty - qty_shipped - qty_allocated)
                        FILTER (WHERE status IN ('partial', 'backordered')), 0) AS waiting
      FROM :schema.order_line GROUP BY sku, location
), moves AS (
    SELECT sku, location, sum(qty) AS qty FROM (
        SELECT sku, location, qty FROM :schema.receipt
        UNION ALL SELECT sku, location, delta FROM :schema.adjustment
        UNION ALL SELECT sku, location, -qty FROM :schema.shipment) AS m
     GROUP BY sku, location
), ledger AS (
    SELECT line_id, sum(qty) AS qty FROM :schema.allocation GROUP BY line_id
), problems AS (
    SELECT 1 FROM :schema.stock s
      LEFT JOIN lines l USING (sku, location)
      LEFT JOIN moves m USING (sku, location)
     WHERE s.on_hand < s.allocated OR s.allocated < 0
        OR s.allocated <> coalesce(l.allocated, 0)
        OR s.backordered <> coalesce(l.waiting, 0)
        OR s.on_hand <> coalesce(m.qty, 0)
    UNION ALL
    SELECT 1 FROM :schema.order_line l LEFT JOIN ledger a USING (line_id)
     WHERE l.qty_allocated <> coalesce(a.qty, 0)
        OR l.qty_allocated < 0 OR l.qty_shipped < 0 OR l.qty_allocated + l.qty_shipped > l.qty
        OR l.status <> CASE
               WHEN l.status IN ('cancelled', 'stockout') THEN l.status
               WHEN l.qty_shipped = l.qty THEN 'shipped'
               WHEN l.qty_allocated + l.qty_shipped = l.qty THEN 'allocated'
               WHEN l.qty_allocated > 0 THEN 'partial'
               ELSE 'backordered' END
        OR (l.status IN ('allocated', 'partial', 'backordered') AND l.promised_date IS NULL)
)
SELECT count(*) FROM problems;
