-- The floor: the row writes the job cannot avoid, with no triggers at all.
--
-- The tables are pg_backorder's (src/sql/10_tables.sql, loaded into the
-- schema floor by bench/lib.sh) with their keys, checks and foreign keys but
-- without the engine's triggers. A plain INSERT or COPY into floor.order_line
-- or floor.receipt is the cheapest way to record the same facts; floor.fill
-- and bench/pgbench/entry_writes.sql write, set-based, the rows an operation
-- has to write anyway.

-- A receipt that fills the first p_lines waiting lines of a sku in full: the
-- receipt, each line, its ledger row and its three events (allocated, ready,
-- promise_changed: a filled line ships today), the stock row.
CREATE FUNCTION floor.fill(p_sku text, p_qty numeric, p_lines integer) RETURNS void
    LANGUAGE sql AS $$
    INSERT INTO floor.receipt (sku, qty) VALUES (p_sku, p_qty);
    WITH filled AS (
        UPDATE floor.order_line l
           SET qty_allocated = l.qty, status = 'allocated', promised_date = floor.today()
         WHERE l.line_id IN (SELECT line_id FROM floor.order_line
                              WHERE sku = p_sku AND location = 'main' AND status = 'backordered'
                              ORDER BY line_id LIMIT p_lines)
        RETURNING l.line_id, l.qty),
    ledger AS (
        INSERT INTO floor.allocation (line_id, sku, location, qty, reason)
        SELECT line_id, p_sku, 'main', qty, 'allocated' FROM filled),
    events AS (
        INSERT INTO floor.event (kind, line_id, sku, location, qty)
        SELECT kind, line_id, p_sku, 'main', qty
          FROM filled, (VALUES ('allocated'), ('ready'), ('promise_changed')) AS k(kind))
    UPDATE floor.stock
       SET on_hand = on_hand + p_qty, allocated = allocated + p_qty,
           backordered = backordered - p_qty
     WHERE sku = p_sku AND location = 'main';
$$;
