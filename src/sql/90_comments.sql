------------------------------------------------------------------------------
-- Descriptions of the objects not described where they are created: the
-- columns that name themselves, the trigger functions and the triggers.
-- Every object of the extension carries a COMMENT (sql/comments.sql checks).
------------------------------------------------------------------------------

COMMENT ON COLUMN backorder.item.sku IS 'Stock-keeping unit: the product''s code';
COMMENT ON COLUMN backorder.item.description IS 'What the product is, for people';

COMMENT ON COLUMN backorder.supply.supply_id IS 'Identifies the supply line';
COMMENT ON COLUMN backorder.supply.sku IS 'The product on order';
COMMENT ON COLUMN backorder.supply.location IS 'Where it will be received';
COMMENT ON COLUMN backorder.supply.qty IS 'Quantity ordered from the supplier';
COMMENT ON COLUMN backorder.supply.expected_date IS
    'When it is expected; moving it re-promises the waiting lines';
COMMENT ON COLUMN backorder.supply.supplier IS 'Who supplies it';
COMMENT ON COLUMN backorder.supply.reference IS 'The purchase-order reference';
COMMENT ON COLUMN backorder.supply.created_at IS 'When the row was inserted';

COMMENT ON COLUMN backorder.order_line.line_id IS 'Identifies the order line';
COMMENT ON COLUMN backorder.order_line.order_ref IS 'The customer order the line belongs to';
COMMENT ON COLUMN backorder.order_line.sku IS 'The product ordered';
COMMENT ON COLUMN backorder.order_line.location IS 'Where it ships from';
COMMENT ON COLUMN backorder.order_line.qty IS 'Quantity ordered';
COMMENT ON COLUMN backorder.order_line.requested_date IS
    'When the customer wants it; a line is never promised before it';
COMMENT ON COLUMN backorder.order_line.channel IS 'Sales channel, e.g. dtc or wholesale';
COMMENT ON COLUMN backorder.order_line.customer IS 'Who ordered';
COMMENT ON COLUMN backorder.order_line.created_at IS
    'When the line was entered; orders the fifo queue';

COMMENT ON COLUMN backorder.receipt.receipt_id IS 'Identifies the receipt';
COMMENT ON COLUMN backorder.receipt.sku IS 'The product received';
COMMENT ON COLUMN backorder.receipt.location IS 'Where it was received';
COMMENT ON COLUMN backorder.receipt.qty IS 'Quantity received';
COMMENT ON COLUMN backorder.receipt.supply_id IS
    'The supply it was received against; null for goods that were not announced';
COMMENT ON COLUMN backorder.receipt.received_at IS 'When the row was inserted';

COMMENT ON COLUMN backorder.stock.sku IS 'The product';
COMMENT ON COLUMN backorder.stock.location IS 'Where it is held';
COMMENT ON COLUMN backorder.stock.on_hand IS 'Physically in stock';

COMMENT ON COLUMN backorder.allocation.allocation_id IS 'Identifies the ledger entry';
COMMENT ON COLUMN backorder.allocation.line_id IS 'The order line reserved for or released';
COMMENT ON COLUMN backorder.allocation.sku IS 'The product';
COMMENT ON COLUMN backorder.allocation.location IS 'Where it is held';
COMMENT ON COLUMN backorder.allocation.qty IS 'Reserved (positive) or released (negative)';
COMMENT ON COLUMN backorder.allocation.created_at IS 'When the entry was written';

COMMENT ON COLUMN backorder.event.event_id IS
    'Increasing position in the outbox; consumers remember the last one they processed';
COMMENT ON COLUMN backorder.event.created_at IS 'When the event was written';
COMMENT ON COLUMN backorder.event.line_id IS 'The order line it concerns, if any';
COMMENT ON COLUMN backorder.event.sku IS 'The product';
COMMENT ON COLUMN backorder.event.location IS 'Where it is held';
COMMENT ON COLUMN backorder.event.qty IS 'The quantity reserved, shipped, waiting or cancelled';
COMMENT ON COLUMN backorder.event.receipt_id IS 'The receipt that caused it, if any';
COMMENT ON COLUMN backorder.event.old_date IS 'promise_changed: the promise before';
COMMENT ON COLUMN backorder.event.new_date IS 'promise_changed and backordered: the promise now';

COMMENT ON COLUMN backorder.shipment.shipment_id IS 'Identifies the shipment';
COMMENT ON COLUMN backorder.shipment.line_id IS 'The order line shipped';
COMMENT ON COLUMN backorder.shipment.sku IS 'The product';
COMMENT ON COLUMN backorder.shipment.location IS 'Where it shipped from';
COMMENT ON COLUMN backorder.shipment.qty IS 'Quantity shipped';
COMMENT ON COLUMN backorder.shipment.shipped_at IS 'When it was recorded';

COMMENT ON COLUMN backorder.adjustment.adjustment_id IS 'Identifies the correction';
COMMENT ON COLUMN backorder.adjustment.sku IS 'The product counted';
COMMENT ON COLUMN backorder.adjustment.location IS 'Where it was counted';
COMMENT ON COLUMN backorder.adjustment.delta IS 'Change of on-hand quantity';
COMMENT ON COLUMN backorder.adjustment.reason IS 'Why, as given to backorder.adjust()';
COMMENT ON COLUMN backorder.adjustment.created_at IS 'When it was recorded';

COMMENT ON COLUMN backorder.stock_position.sku IS 'The product';
COMMENT ON COLUMN backorder.stock_position.location IS 'Where it is held';
COMMENT ON COLUMN backorder.stock_position.on_hand IS 'Physically in stock';
COMMENT ON COLUMN backorder.stock_position.allocated IS 'Reserved for order lines, not shipped';

COMMENT ON COLUMN backorder.queue.line_id IS 'The waiting order line';
COMMENT ON COLUMN backorder.queue.order_ref IS 'The customer order it belongs to';
COMMENT ON COLUMN backorder.queue.sku IS 'The product it waits for';
COMMENT ON COLUMN backorder.queue.location IS 'Where it ships from';
COMMENT ON COLUMN backorder.queue.qty_waiting IS 'Quantity still to be reserved';
COMMENT ON COLUMN backorder.queue.qty_allocated IS 'Quantity already reserved';
COMMENT ON COLUMN backorder.queue.priority IS 'Smaller is served first';
COMMENT ON COLUMN backorder.queue.requested_date IS 'When the customer wants it';
COMMENT ON COLUMN backorder.queue.created_at IS 'When the line was entered';
COMMENT ON COLUMN backorder.queue.promised_date IS 'When its last unit is expected';
COMMENT ON COLUMN backorder.queue.cancel_after IS 'End of the delivery window; null for none';
COMMENT ON COLUMN backorder.queue.ship_complete IS 'Ships only when the whole quantity is reserved';
COMMENT ON COLUMN backorder.queue.channel IS 'Sales channel';
COMMENT ON COLUMN backorder.queue.customer IS 'Who ordered';

COMMENT ON FUNCTION backorder.item_check() IS 'Trigger: refuse an unknown allocation rule';
COMMENT ON FUNCTION backorder.item_changed() IS
    'Trigger: re-plan every location of an item whose rule, lead time or backorderable changed';
COMMENT ON FUNCTION backorder.supply_check() IS
    'Trigger: refuse bad quantities, writes of qty_received and changes of identity';
COMMENT ON FUNCTION backorder.supply_changed() IS
    'Trigger: re-promise the queues of skus whose supply was added, moved, cut or removed';
COMMENT ON FUNCTION backorder.line_check() IS
    'Trigger: refuse writes of maintained columns and bad windows, plan a line that ranks last';
COMMENT ON FUNCTION backorder.line_change_check() IS
    'Trigger: refuse writes of maintained columns, changes of identity and bad windows';
COMMENT ON FUNCTION backorder.lines_entered() IS
    'Trigger: reserve what is available for new lines and queue the rest';
COMMENT ON FUNCTION backorder.lines_changed() IS
    'Trigger: re-rank and re-promise when quantity, priority, dates or ship_complete change';
COMMENT ON FUNCTION backorder.lines_deleted() IS
    'Trigger: release the reservations of deleted open lines to the queue';
COMMENT ON FUNCTION backorder.receipt_check() IS
    'Trigger: refuse bad quantities and any update or delete of a receipt';
COMMENT ON FUNCTION backorder.receipts_arrived() IS
    'Trigger: raise on-hand and received supply, fill the queue in rank order';
COMMENT ON FUNCTION backorder.engine_only() IS
    'Trigger: refuse writes to tables only the engine maintains';

COMMENT ON TRIGGER item_check ON backorder.item IS 'Refuses an unknown allocation rule';
COMMENT ON TRIGGER item_changed ON backorder.item IS
    'Re-plans the item''s queues when its rule, lead time or backorderable flag changes';
COMMENT ON TRIGGER supply_check ON backorder.supply IS
    'Refuses bad quantities and writes the engine does not allow';
COMMENT ON TRIGGER supply_inserted ON backorder.supply IS 'New supply re-promises the queue';
COMMENT ON TRIGGER supply_updated ON backorder.supply IS
    'Moved or cut supply re-promises the queue';
COMMENT ON TRIGGER supply_deleted ON backorder.supply IS 'Removed supply re-promises the queue';
COMMENT ON TRIGGER line_check ON backorder.order_line IS
    'Refuses writes of maintained columns and bad delivery windows; plans a line that ranks last';
COMMENT ON TRIGGER line_change_check ON backorder.order_line IS
    'Refuses writes of maintained columns, changes of identity and bad delivery windows';
COMMENT ON TRIGGER lines_entered ON backorder.order_line IS
    'Order entry: reserves what is available and queues the rest, in the same statement';
COMMENT ON TRIGGER lines_changed ON backorder.order_line IS
    'Re-ranks and re-promises lines whose quantity, priority, dates or ship_complete changed';
COMMENT ON TRIGGER lines_deleted ON backorder.order_line IS
    'Releases the reservations of deleted open lines to the queue';
COMMENT ON TRIGGER receipt_check ON backorder.receipt IS
    'Refuses bad quantities; receipts are append-only';
COMMENT ON TRIGGER receipts_arrived ON backorder.receipt IS
    'Raises on-hand and fills the queue in the same transaction';
COMMENT ON TRIGGER engine_only ON backorder.stock IS 'Only the engine writes this table';
COMMENT ON TRIGGER engine_only ON backorder.allocation IS 'Only the engine writes this table';
COMMENT ON TRIGGER engine_only ON backorder.event IS 'Only the engine writes this table';
COMMENT ON TRIGGER engine_only ON backorder.shipment IS 'Only the engine writes this table';
COMMENT ON TRIGGER engine_only ON backorder.adjustment IS 'Only the engine writes this table';
COMMENT ON TRIGGER no_truncate ON backorder.supply IS 'TRUNCATE would bypass the row triggers';
COMMENT ON TRIGGER no_truncate ON backorder.order_line IS
    'TRUNCATE would bypass the row triggers';
COMMENT ON TRIGGER no_truncate ON backorder.receipt IS 'TRUNCATE would bypass the row triggers';
COMMENT ON TRIGGER no_truncate ON backorder.stock IS 'TRUNCATE would bypass the row triggers';
COMMENT ON TRIGGER no_truncate ON backorder.event IS 'TRUNCATE would bypass the row triggers';
COMMENT ON TRIGGER no_truncate ON backorder.allocation IS
    'TRUNCATE would bypass the row triggers';
COMMENT ON TRIGGER no_truncate ON backorder.shipment IS 'TRUNCATE would bypass the row triggers';
COMMENT ON TRIGGER no_truncate ON backorder.adjustment IS
    'TRUNCATE would bypass the row triggers';
