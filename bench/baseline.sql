-- The baseline: the job pg_backorder does, written as plain PL/pgSQL triggers.
--
-- This is what a user would build instead of installing the extension, written
-- the way a careful DBA would: the same tables (src/sql/10_tables.sql, loaded
-- into the schema baseline together with baseline.today() by bench/lib.sh),
-- the stock row of a sku and location as its lock, the index of waiting
-- lines in fifo order (order_line_queue_idx, part of the shape), and per
-- operation the same work as the extension:
--
--   order entry   reserve what is available, queue the rest behind the lines
--                 ranked ahead of it, promise the date its last unit is covered
--                 by the supply timeline; ledger and events
--   receipt       raise on hand (and the supply's qty_received), fill waiting
--                 lines in rank order, re-promise the lines still waiting;
--                 ledger and events
--   supply change re-promise the queue
--   atp, promise  the same answers as backorder.atp() and backorder.promise()
--
-- Per-row triggers, one statement per line written, no C. Shipping,
-- cancelling and adjusting are not part of the comparison and are left out.

-- Lock the stock row of a sku and location, creating it at zero.
CREATE FUNCTION baseline.lock_stock(p_sku text, p_location text) RETURNS baseline.stock
    LANGUAGE plpgsql AS $$
DECLARE
    s baseline.stock;
BEGIN
    SELECT * INTO s FROM baseline.stock
     WHERE sku = p_sku AND location = p_location FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO baseline.stock (sku, location) VALUES (p_sku, p_location)
            ON CONFLICT DO NOTHING;
        SELECT * INTO s FROM baseline.stock
         WHERE sku = p_sku AND location = p_location FOR UPDATE;
    END IF;
    RETURN s;
END $$;

-- Waiting quantity of the lines ranked after the given rank key.
CREATE FUNCTION baseline.waiting_behind(p_sku text, p_location text, p_rule text,
                                        p_priority integer, p_requested date,
                                        p_cancel_after date, p_created timestamptz,
                                        p_line_id bigint) RETURNS numeric
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    behind numeric;
BEGIN
    IF p_rule = 'fifo' THEN
        SELECT sum(qty - qty_shipped - qty_allocated) INTO behind FROM baseline.order_line
         WHERE sku = p_sku AND location = p_location AND status IN ('partial', 'backordered')
           AND (priority, created_at, line_id) > (p_priority, p_created, p_line_id);
    ELSIF p_rule = 'due_date' THEN
        SELECT sum(qty - qty_shipped - qty_allocated) INTO behind FROM baseline.order_line
         WHERE sku = p_sku AND location = p_location AND status IN ('partial', 'backordered')
           AND (priority, requested_date, created_at, line_id)
               > (p_priority, p_requested, p_created, p_line_id);
    ELSE
        SELECT sum(qty - qty_shipped - qty_allocated) INTO behind FROM baseline.order_line
         WHERE sku = p_sku AND location = p_location AND status IN ('partial', 'backordered')
           AND (priority, cancel_after IS NULL, coalesce(cancel_after, '-infinity'),
                requested_date, created_at, line_id)
               > (p_priority, p_cancel_after IS NULL, coalesce(p_cancel_after, '-infinity'),
                  p_requested, p_created, p_line_id);
    END IF;
    RETURN coalesce(behind, 0);
END $$;

-- The date by which units start .. start + qty of the supply timeline are
-- covered: open supply by (effective date, supply_id), supply past its date
-- counting as today, and beyond all supply today + the lead time.
CREATE FUNCTION baseline.covered_date(p_sku text, p_location text, p_start numeric,
                                      p_qty numeric, p_today date, p_lead_time integer)
    RETURNS date
    LANGUAGE sql STABLE AS $$
    WITH timeline AS (
        SELECT greatest(expected_date, p_today) AS day,
               sum(qty - qty_received)
                   OVER (ORDER BY greatest(expected_date, p_today), supply_id) AS reach
          FROM baseline.supply
         WHERE sku = p_sku AND location = p_location AND qty > qty_received)
    SELECT coalesce(
        (SELECT day FROM timeline WHERE reach >= p_start + p_qty ORDER BY reach LIMIT 1),
        greatest(p_today + p_lead_time, (SELECT max(day) FROM timeline WHERE reach > p_start)))
$$;

-- Re-promise waiting lines ranked after a line that took `waiting` units
-- ahead of them, starting at timeline position `start`.
CREATE FUNCTION baseline.push_back(p_line baseline.order_line, p_rule text, p_start numeric,
                                   p_today date, p_lead_time integer) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    behind record;
    position numeric := p_start;
    promise date;
BEGIN
    FOR behind IN
        SELECT line_id, qty - qty_shipped - qty_allocated AS waiting, requested_date,
               promised_date
          FROM baseline.order_line
         WHERE sku = p_line.sku AND location = p_line.location
           AND status IN ('partial', 'backordered')
           AND CASE p_rule
                   WHEN 'fifo' THEN (priority, created_at, line_id)
                                    > (p_line.priority, p_line.created_at, p_line.line_id)
                   WHEN 'due_date' THEN (priority, requested_date, created_at, line_id)
                                        > (p_line.priority, p_line.requested_date,
                                           p_line.created_at, p_line.line_id)
                   ELSE (priority, cancel_after IS NULL, coalesce(cancel_after, '-infinity'),
                         requested_date, created_at, line_id)
                        > (p_line.priority, p_line.cancel_after IS NULL,
                           coalesce(p_line.cancel_after, '-infinity'), p_line.requested_date,
                           p_line.created_at, p_line.line_id)
               END
         ORDER BY priority,
                  CASE WHEN p_rule = 'window' THEN cancel_after END NULLS LAST,
                  CASE WHEN p_rule IN ('window', 'due_date') THEN requested_date END,
                  created_at, line_id
    LOOP
        promise := greatest(baseline.covered_date(p_line.sku, p_line.location, position,
                                                  behind.waiting, p_today, p_lead_time),
                            behind.requested_date);
        position := position + behind.waiting;
        IF promise IS DISTINCT FROM behind.promised_date THEN
            UPDATE baseline.order_line SET promised_date = promise WHERE line_id = behind.line_id;
            INSERT INTO baseline.event (kind, line_id, sku, location, old_date, new_date)
            VALUES ('promise_changed', behind.line_id, p_line.sku, p_line.location,
                    behind.promised_date, promise);
        END IF;
    END LOOP;
END $$;

-- Order entry: reserve what is available now, queue the rest with a promise.
CREATE FUNCTION baseline.line_entered() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    item baseline.item;
    stock baseline.stock;
    today date := baseline.today();
    available numeric;
    behind numeric;
    took numeric;
    waiting numeric;
BEGIN
    IF NEW.qty_allocated <> 0 OR NEW.qty_shipped <> 0 OR NEW.status <> 'backordered'
       OR NEW.promised_date IS NOT NULL OR NEW.qty_allocated_at_entry IS NOT NULL THEN
        RAISE EXCEPTION 'columns maintained by the engine must be left out of the INSERT'
            USING ERRCODE = '428C9';
    END IF;
    IF NEW.cancel_after < NEW.requested_date THEN
        RAISE EXCEPTION 'cancel_after must not be before requested_date'
            USING ERRCODE = '23514';
    END IF;
    SELECT * INTO item FROM baseline.item WHERE sku = NEW.sku;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown sku "%"', NEW.sku USING ERRCODE = 'P0002';
    END IF;
    stock := baseline.lock_stock(NEW.sku, NEW.location);
    available := greatest(stock.on_hand - stock.allocated, 0);
    waiting := NEW.qty;

    IF NOT item.backorderable AND waiting > available THEN
        NEW.status := 'stockout';
        NEW.qty_allocated_at_entry := 0;
        INSERT INTO baseline.event (kind, line_id, sku, location, qty)
        VALUES ('stockout', NEW.line_id, NEW.sku, NEW.location, waiting);
        PERFORM pg_notify('backorder_event', '');
        RETURN NEW;
    END IF;

    took := least(waiting, available);
    waiting := waiting - took;
    NEW.qty_allocated := took;
    NEW.qty_allocated_at_entry := took;
    IF took > 0 THEN
        INSERT INTO baseline.allocation (line_id, sku, location, qty, reason)
        VALUES (NEW.line_id, NEW.sku, NEW.location, took, 'allocated');
        INSERT INTO baseline.event (kind, line_id, sku, location, qty)
        VALUES ('allocated', NEW.line_id, NEW.sku, NEW.location, took);
        IF NOT NEW.ship_complete OR waiting = 0 THEN
            INSERT INTO baseline.event (kind, line_id, sku, location, qty)
            VALUES ('ready', NEW.line_id, NEW.sku, NEW.location, took);
        END IF;
    END IF;

    IF waiting = 0 THEN
        NEW.status := 'allocated';
        NEW.promised_date := greatest(NEW.requested_date, today);
    ELSE
        NEW.status := CASE WHEN took > 0 THEN 'partial' ELSE 'backordered' END;
        behind := baseline.waiting_behind(NEW.sku, NEW.location, item.allocation_rule,
                                          NEW.priority, NEW.requested_date, NEW.cancel_after,
                                          NEW.created_at, NEW.line_id);
        NEW.promised_date := greatest(
            baseline.covered_date(NEW.sku, NEW.location, stock.backordered - behind, waiting,
                                  today, item.lead_time_days),
            NEW.requested_date);
        INSERT INTO baseline.event (kind, line_id, sku, location, qty, new_date)
        VALUES ('backordered', NEW.line_id, NEW.sku, NEW.location, waiting, NEW.promised_date);
        IF behind > 0 THEN
            PERFORM baseline.push_back(NEW, item.allocation_rule,
                                       stock.backordered - behind + waiting, today,
                                       item.lead_time_days);
        END IF;
    END IF;

    UPDATE baseline.stock
       SET allocated = allocated + took, backordered = backordered + waiting
     WHERE sku = NEW.sku AND location = NEW.location;
    PERFORM pg_notify('backorder_event', '');
    RETURN NEW;
END $$;

-- Serve the queue of a locked sku and location: give available stock to
-- waiting lines in rank order, then walk the supply timeline to re-promise
-- every line still waiting.
CREATE FUNCTION baseline.serve_queue(p_sku text, p_location text, p_receipt_id bigint)
    RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    item baseline.item;
    stock baseline.stock;
    today date := baseline.today();
    lead_date date;
    available numeric;
    days date[];
    open_qty numeric[];
    supplies integer;
    next_supply integer := 1;
    line record;
    waiting numeric;
    take numeric;
    need numeric;
    covered date;
    promise date;
    reserved numeric := 0;
BEGIN
    SELECT * INTO item FROM baseline.item WHERE sku = p_sku;
    SELECT * INTO stock FROM baseline.stock WHERE sku = p_sku AND location = p_location;
    available := greatest(stock.on_hand - stock.allocated, 0);
    lead_date := today + item.lead_time_days;
    SELECT array_agg(greatest(expected_date, today) ORDER BY greatest(expected_date, today),
                     supply_id),
           array_agg(qty - qty_received ORDER BY greatest(expected_date, today), supply_id)
      INTO days, open_qty
      FROM baseline.supply
     WHERE sku = p_sku AND location = p_location AND qty > qty_received;
    supplies := coalesce(array_length(days, 1), 0);

    FOR line IN
        SELECT line_id, qty, qty - qty_shipped - qty_allocated AS waiting, qty_allocated,
               ship_complete, requested_date, promised_date
          FROM baseline.order_line
         WHERE sku = p_sku AND location = p_location AND status IN ('partial', 'backordered')
         ORDER BY priority,
                  CASE WHEN item.allocation_rule = 'window' THEN cancel_after END NULLS LAST,
                  CASE WHEN item.allocation_rule IN ('window', 'due_date')
                       THEN requested_date END,
                  created_at, line_id
    LOOP
        waiting := line.waiting;
        take := least(waiting, available);
        IF take > 0 THEN
            available := available - take;
            waiting := waiting - take;
            reserved := reserved + take;
            INSERT INTO baseline.allocation (line_id, sku, location, qty, reason, receipt_id)
            VALUES (line.line_id, p_sku, p_location, take, 'allocated', p_receipt_id);
            INSERT INTO baseline.event (kind, line_id, sku, location, qty, receipt_id)
            VALUES ('allocated', line.line_id, p_sku, p_location, take, p_receipt_id);
            IF NOT line.ship_complete THEN
                INSERT INTO baseline.event (kind, line_id, sku, location, qty)
                VALUES ('ready', line.line_id, p_sku, p_location, take);
            ELSIF waiting = 0 THEN
                INSERT INTO baseline.event (kind, line_id, sku, location, qty)
                VALUES ('ready', line.line_id, p_sku, p_location, line.qty_allocated + take);
            END IF;
        END IF;

        IF waiting > 0 THEN
            need := waiting;
            covered := today;
            WHILE need > 0 LOOP
                IF next_supply > supplies THEN
                    covered := greatest(covered, lead_date);
                    need := 0;
                ELSE
                    covered := greatest(covered, days[next_supply]);
                    IF open_qty[next_supply] > need THEN
                        open_qty[next_supply] := open_qty[next_supply] - need;
                        need := 0;
                    ELSE
                        need := need - open_qty[next_supply];
                        next_supply := next_supply + 1;
                    END IF;
                END IF;
            END LOOP;
            promise := greatest(covered, line.requested_date);
        ELSE
            promise := greatest(line.requested_date, today);
        END IF;

        IF take > 0 OR promise IS DISTINCT FROM line.promised_date THEN
            UPDATE baseline.order_line
               SET qty_allocated = qty_allocated + take,
                   status = CASE WHEN waiting = 0 THEN 'allocated'
                                 WHEN qty_allocated + take > 0 THEN 'partial'
                                 ELSE 'backordered' END,
                   promised_date = promise
             WHERE line_id = line.line_id;
            IF promise IS DISTINCT FROM line.promised_date THEN
                INSERT INTO baseline.event (kind, line_id, sku, location, old_date, new_date)
                VALUES ('promise_changed', line.line_id, p_sku, p_location, line.promised_date,
                        promise);
            END IF;
        END IF;
    END LOOP;

    UPDATE baseline.stock
       SET allocated = allocated + reserved, backordered = backordered - reserved
     WHERE sku = p_sku AND location = p_location;
    PERFORM pg_notify('backorder_event', '');
END $$;

-- Goods arrived: raise on hand and the supply received, fill the queue.
CREATE FUNCTION baseline.receipt_arrived() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM baseline.lock_stock(NEW.sku, NEW.location);
    IF NEW.supply_id IS NOT NULL THEN
        UPDATE baseline.supply SET qty_received = least(qty, qty_received + NEW.qty)
         WHERE supply_id = NEW.supply_id AND sku = NEW.sku AND location = NEW.location;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'receipt references supply % of another sku or location',
                NEW.supply_id USING ERRCODE = '23514';
        END IF;
    END IF;
    UPDATE baseline.stock SET on_hand = on_hand + NEW.qty
     WHERE sku = NEW.sku AND location = NEW.location;
    PERFORM baseline.serve_queue(NEW.sku, NEW.location, NEW.receipt_id);
    RETURN NULL;
END $$;

-- New, moved, cut or removed supply re-promises the queue.
CREATE FUNCTION baseline.supply_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    changed baseline.supply := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
    PERFORM baseline.lock_stock(changed.sku, changed.location);
    PERFORM baseline.serve_queue(changed.sku, changed.location, NULL);
    RETURN NULL;
END $$;

CREATE TRIGGER line_entered BEFORE INSERT ON baseline.order_line
    FOR EACH ROW EXECUTE FUNCTION baseline.line_entered();
CREATE TRIGGER receipt_arrived AFTER INSERT ON baseline.receipt
    FOR EACH ROW EXECUTE FUNCTION baseline.receipt_arrived();
CREATE TRIGGER supply_changed AFTER INSERT OR DELETE OR UPDATE OF qty, expected_date
    ON baseline.supply
    FOR EACH ROW EXECUTE FUNCTION baseline.supply_changed();

-- Available-to-promise: stock plus supply due by on_date that no line claims.
CREATE FUNCTION baseline.atp(p_sku text, p_location text DEFAULT 'main',
                             p_on_date date DEFAULT NULL) RETURNS numeric
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    today date := baseline.today();
    stock baseline.stock;
    due numeric;
BEGIN
    PERFORM FROM baseline.item WHERE sku = p_sku;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown sku "%"', p_sku USING ERRCODE = 'P0002';
    END IF;
    SELECT * INTO stock FROM baseline.stock WHERE sku = p_sku AND location = p_location;
    SELECT coalesce(sum(qty - qty_received), 0) INTO due
      FROM baseline.supply
     WHERE sku = p_sku AND location = p_location AND qty > qty_received
       AND greatest(expected_date, today) <= coalesce(p_on_date, today);
    RETURN greatest(0, coalesce(stock.on_hand - stock.allocated, 0) + due
                       - coalesce(stock.backordered, 0));
END $$;

-- A quote: when qty could ship behind the lines ranked ahead of a new line.
CREATE FUNCTION baseline.promise(p_sku text, p_qty numeric, p_location text DEFAULT 'main',
                                 p_requested date DEFAULT NULL, p_priority integer DEFAULT 100)
    RETURNS TABLE (ship_date date, qty numeric, basis text, supply_id bigint)
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    today date := baseline.today();
    requested date := coalesce(p_requested, baseline.today());
    item baseline.item;
    stock baseline.stock;
    available numeric;
    skip numeric;
    need numeric := p_qty;
    piece numeric;
    source record;
BEGIN
    SELECT * INTO item FROM baseline.item WHERE sku = p_sku;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown sku "%"', p_sku USING ERRCODE = 'P0002';
    END IF;
    SELECT * INTO stock FROM baseline.stock WHERE sku = p_sku AND location = p_location;
    available := coalesce(stock.on_hand - stock.allocated, 0);
    -- The quote is entered now and loses every tie.
    skip := coalesce(stock.backordered, 0)
            - baseline.waiting_behind(p_sku, p_location, item.allocation_rule, p_priority,
                                      requested, NULL, 'infinity', 9223372036854775807);
    IF NOT item.backorderable THEN
        IF skip + p_qty <= available THEN
            RETURN QUERY SELECT greatest(today, requested), p_qty, 'stock'::text, NULL::bigint;
        ELSE
            RETURN QUERY SELECT NULL::date, p_qty, 'stockout'::text, NULL::bigint;
        END IF;
        RETURN;
    END IF;
    FOR source IN
        SELECT today AS day, available AS open_qty, 'stock' AS basis, NULL::bigint AS id
         WHERE available > 0
        UNION ALL
        (SELECT greatest(s.expected_date, today), s.qty - s.qty_received, 'supply', s.supply_id
           FROM baseline.supply s
          WHERE s.sku = p_sku AND s.location = p_location AND s.qty > s.qty_received
          ORDER BY greatest(s.expected_date, today), s.supply_id)
    LOOP
        EXIT WHEN need = 0;
        IF skip >= source.open_qty THEN
            skip := skip - source.open_qty;
            CONTINUE;
        END IF;
        piece := least(need, source.open_qty - skip);
        skip := 0;
        need := need - piece;
        RETURN QUERY SELECT greatest(source.day, requested), piece, source.basis, source.id;
    END LOOP;
    IF need > 0 THEN
        RETURN QUERY SELECT greatest(today + item.lead_time_days, requested), need,
                            'lead_time'::text, NULL::bigint;
    END IF;
END $$;
