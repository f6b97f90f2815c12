-- The rows order entry of one queued line cannot avoid writing, without
-- triggers: the line, its event, the stock row. One statement, as the
-- extension's entry is one statement.
\set k :base + random(1, :skus)
WITH line AS (
    INSERT INTO floor.order_line (sku, qty, promised_date, qty_allocated_at_entry)
    VALUES ('c3-' || :k, 1, current_date + 14, 0)
    RETURNING line_id, sku, location, qty),
event AS (
    INSERT INTO floor.event (kind, line_id, sku, location, qty)
    SELECT 'backordered', line_id, sku, location, qty FROM line)
UPDATE floor.stock s SET backordered = s.backordered + l.qty
  FROM line l WHERE s.sku = l.sku AND s.location = l.location;
