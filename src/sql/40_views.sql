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
       backorder.today() - l.entered_on AS days_waiting,
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
