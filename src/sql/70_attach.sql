------------------------------------------------------------------------------
-- Attaching an app's own tables
--
-- An app that already has an orders table and a goods-in table attaches them:
-- a BEFORE INSERT trigger on the app's table feeds each new row into
-- backorder.order_line or backorder.receipt in the same transaction and
-- writes what the engine decided (line id, status, promised date, receipt id)
-- into columns of the app's choosing. Later changes of status and promised
-- date reach the app's rows through the line id it keeps, written by a
-- function attach creates next to the app's table and owned by its owner.
--
-- Attaching and detaching are the administrator's: the functions are not
-- executable by PUBLIC. The triggers run with the rights of the user whose
-- statement fires them (an application role, see grant_application()).
------------------------------------------------------------------------------

CREATE TABLE backorder.attachment (
    app_table regclass NOT NULL,
    kind text NOT NULL,
    reads jsonb NOT NULL,
    writes jsonb NOT NULL DEFAULT '{}',
    sync_function text,
    PRIMARY KEY (app_table, kind),
    CONSTRAINT attachment_kind_check CHECK (kind IN ('orders', 'receipts'))
);
SELECT pg_catalog.pg_extension_config_dump('backorder.attachment', '');
COMMENT ON TABLE backorder.attachment IS
    'App tables attached with attach_orders() or attach_receipts(), and their column mappings';
COMMENT ON COLUMN backorder.attachment.app_table IS 'The app''s table';
COMMENT ON COLUMN backorder.attachment.kind IS
    'orders (rows become order lines) or receipts (rows become receipts)';
COMMENT ON COLUMN backorder.attachment.reads IS
    'Engine column -> app column the trigger reads it from';
COMMENT ON COLUMN backorder.attachment.writes IS
    'Engine value -> app column the trigger writes it into';
COMMENT ON COLUMN backorder.attachment.sync_function IS
    'The function, owned by the table''s owner, that writes later changes of status and '
    'promised date into the app''s rows (called with the changed line ids)';

-- A table's name for messages: schema and name, unquoted.
CREATE FUNCTION backorder.attached_name(app_table regclass)
    RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT n.nspname || '.' || c.relname
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = app_table
$$;
COMMENT ON FUNCTION backorder.attached_name(regclass) IS
    'A table''s schema-qualified name as messages show it';

-- Check that a mapped column exists on the table and return its type.
CREATE FUNCTION backorder.attached_column(app_table regclass, mapping text, column_name text)
    RETURNS regtype
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    column_type regtype;
    generated "char";
BEGIN
    IF column_name IS NULL OR column_name = '' THEN
        RAISE EXCEPTION 'mapping % must name a column of relation "%"', mapping,
                backorder.attached_name(app_table)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT a.atttypid, a.attgenerated INTO column_type, generated
      FROM pg_attribute a
     WHERE a.attrelid = app_table AND a.attname = column_name
       AND a.attnum > 0 AND NOT a.attisdropped;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'column "%" of relation "%" does not exist', column_name,
                backorder.attached_name(app_table)
            USING ERRCODE = 'undefined_column',
                  DETAIL = format('The %s mapping names it.', mapping),
                  HINT = 'Column names are matched exactly, including case and spaces.';
    END IF;
    IF generated <> '' AND mapping LIKE '%\_into' THEN
        RAISE EXCEPTION 'column "%" of relation "%" is a generated column', column_name,
                backorder.attached_name(app_table)
            USING ERRCODE = 'generated_always',
                  DETAIL = format('The %s mapping writes into it.', mapping);
    END IF;
    RETURN column_type;
END
$$;
COMMENT ON FUNCTION backorder.attached_column(regclass, text, text) IS
    'Attach-time check: the mapped column exists (and can be written); returns its type';

-- Check that a column the trigger reads converts to the engine's type, as it will convert it.
CREATE FUNCTION backorder.attached_source(mapping text, column_name text, column_type regtype,
                                          engine_type regtype)
    RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE format('SELECT CAST(NULL::%s AS %s)', column_type, engine_type);
EXCEPTION WHEN cannot_coerce OR datatype_mismatch OR undefined_function THEN
    RAISE EXCEPTION 'cannot map column "%" of type % to %', column_name, column_type, mapping
        USING ERRCODE = 'cannot_coerce',
              DETAIL = format('%s is %s and there is no cast from %s.', mapping, engine_type,
                              column_type);
END
$$;
COMMENT ON FUNCTION backorder.attached_source(text, text, regtype, regtype) IS
    'Attach-time check: a mapped column''s type converts to the engine''s type';

-- Check that a column the trigger writes can hold every value it will receive.
CREATE FUNCTION backorder.attached_target(mapping text, column_name text, column_type regtype)
    RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    base oid := column_type;
    category "char";
    statuses text[] := ARRAY['allocated', 'partial', 'backordered', 'shipped', 'cancelled',
                             'stockout'];
    needed text;
BEGIN
    -- Domains hold what their base type holds (their constraints are checked on write).
    WHILE (SELECT t.typtype = 'd' FROM pg_type t WHERE t.oid = base) LOOP
        SELECT t.typbasetype INTO base FROM pg_type t WHERE t.oid = base;
    END LOOP;
    SELECT t.typcategory INTO category FROM pg_type t WHERE t.oid = base;
    IF category = 'S' THEN
        RETURN;
    END IF;
    CASE mapping
    WHEN 'line_id_into', 'receipt_id_into' THEN
        IF base IN ('int8'::regtype, 'numeric'::regtype) THEN
            RETURN;
        END IF;
        needed := 'bigint, numeric or text';
    WHEN 'promised_date_into' THEN
        IF base IN ('date'::regtype, 'timestamp'::regtype, 'timestamptz'::regtype) THEN
            RETURN;
        END IF;
        needed := 'date, timestamp or text';
    WHEN 'status_into' THEN
        IF category = 'E' AND (SELECT array_agg(e.enumlabel::text) FROM pg_enum e
                                WHERE e.enumtypid = base) @> statuses THEN
            RETURN;
        END IF;
        needed := 'text, or an enum with the labels ' || array_to_string(statuses, ', ');
    END CASE;
    RAISE EXCEPTION 'column "%" of type % cannot hold the %', column_name, column_type,
            replace(replace(mapping, '_into', ''), '_', ' ')
        USING ERRCODE = 'datatype_mismatch',
              DETAIL = format('%s needs a column of type %s.', mapping, needed);
END
$$;
COMMENT ON FUNCTION backorder.attached_target(text, text, regtype) IS
    'Attach-time check: a write-back column can hold every value the engine writes into it';

-- Create the function that writes later changes of status and promised date
-- into an attached table, and return its name. It belongs to the table's
-- owner and runs with the owner's rights (SECURITY DEFINER), as PostgreSQL's
-- own foreign-key actions do: the engine's changes run as the extension's
-- owner, and the app's triggers on its table must not. It takes only line
-- ids and reads their state from backorder.order_line, so calling it can do
-- no more than bring the rows up to date.
CREATE FUNCTION backorder.attached_sync_function(app_table regclass, writes jsonb)
    RETURNS text
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    relation record;
    name text;
    targets text;
    currents text;
    sources text;
BEGIN
    SELECT c.relname, c.relowner, c.relowner::regrole::text AS owner_name, n.nspname
      INTO relation
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = app_table;
    -- The owner reads the line's state, so it needs to be allowed to.
    IF NOT (has_schema_privilege(relation.relowner, 'backorder', 'USAGE')
            AND has_column_privilege(relation.relowner, 'backorder.order_line', 'line_id',
                                     'SELECT')
            AND has_column_privilege(relation.relowner, 'backorder.order_line', 'status',
                                     'SELECT')
            AND has_column_privilege(relation.relowner, 'backorder.order_line', 'promised_date',
                                     'SELECT')) THEN
        RAISE EXCEPTION 'role % cannot read backorder.order_line', relation.owner_name
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = format('The owner of %s.%s writes the lines'' status and promised '
                                  'dates into it.', relation.nspname, relation.relname),
                  HINT = format('SELECT backorder.grant_reporting(%L);', relation.owner_name);
    END IF;
    name := left(relation.relname, 48) || '_backorder_sync';
    IF to_regprocedure(format('%I.%I(bigint[])', relation.nspname, name)) IS NOT NULL THEN
        RAISE EXCEPTION 'function %.%(bigint[]) already exists', relation.nspname, name
            USING ERRCODE = 'duplicate_function',
                  DETAIL = 'Attaching writes status and promised dates through a function '
                           'of that name.';
    END IF;
    SELECT string_agg(quote_ident(w.value), ', ' ORDER BY w.key),
           string_agg('t.' || quote_ident(w.value), ', ' ORDER BY w.key),
           string_agg(format('CAST(l.%I AS %s)', w.key, format_type(c.atttypid, c.atttypmod)),
                      ', ' ORDER BY w.key)
      INTO targets, currents, sources
      FROM jsonb_each_text(writes) w
      JOIN pg_attribute c ON c.attrelid = app_table AND c.attname = w.value
     WHERE w.key IN ('status', 'promised_date');
    EXECUTE format(
        'CREATE FUNCTION %I.%I(line_ids bigint[]) RETURNS void'
        ' LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS %L',
        relation.nspname, name,
        format('UPDATE %s AS t SET (%s) = ROW(%s) FROM backorder.order_line AS l'
               ' WHERE l.line_id = ANY (line_ids) AND t.%I = l.line_id'
               '   AND ROW(%s) IS DISTINCT FROM ROW(%s)',
               app_table, targets, sources, writes ->> 'line_id', currents, sources));
    EXECUTE format('COMMENT ON FUNCTION %I.%I(bigint[]) IS %L', relation.nspname, name,
                   'Writes the status and promised date of pg_backorder order lines into '
                   || app_table::text || ' (made by backorder.attach_orders)');
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %I.%I(bigint[]) FROM PUBLIC', relation.nspname,
                   name);
    EXECUTE format('ALTER FUNCTION %I.%I(bigint[]) OWNER TO %s', relation.nspname, name,
                   relation.owner_name);
    RETURN format('%I.%I', relation.nspname, name);
END
$$;
COMMENT ON FUNCTION backorder.attached_sync_function(regclass, jsonb) IS
    'Create the function, owned by the table''s owner, that writes later status and promised '
    'dates into an attached table; returns its name';

-- Validate a mapping and register it with the triggers that use it.
CREATE FUNCTION backorder.attach(app_table regclass, kind text, reads jsonb, writes jsonb,
                                 engine_types jsonb, trigger_function text)
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    relation record;
    entry record;
    column_type regtype;
    used_for jsonb := '{}';
    line_id_column text := writes ->> 'line_id';
    shown text := backorder.attached_name(app_table);
    sync_function text;
BEGIN
    IF app_table IS NULL THEN
        RAISE EXCEPTION 'app_table must not be null' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    SELECT c.relkind, c.relname, c.relowner, n.nspname INTO relation
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = app_table;
    IF relation.relkind NOT IN ('r', 'p') THEN
        RAISE EXCEPTION '"%" is not a table', shown
            USING ERRCODE = 'wrong_object_type',
                  DETAIL = 'Only ordinary and partitioned tables can be attached.';
    END IF;
    IF relation.nspname = 'backorder' THEN
        RAISE EXCEPTION 'cannot attach relation "%"', shown
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Tables in the schema backorder feed the engine directly.';
    END IF;
    IF NOT pg_has_role(current_user, relation.relowner, 'MEMBER') THEN
        RAISE EXCEPTION 'must be owner of table %', shown
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Attaching creates a trigger and a function for the table.';
    END IF;
    IF EXISTS (SELECT 1 FROM backorder.attachment a
                WHERE a.app_table = attach.app_table AND a.kind = attach.kind) THEN
        RAISE EXCEPTION 'relation "%" is already attached as %', shown, kind
            USING ERRCODE = 'duplicate_object',
                  HINT = format('Run backorder.detach_%s(%L) first.', kind, app_table::text);
    END IF;

    FOR entry IN SELECT key, value FROM jsonb_each_text(reads) ORDER BY key LOOP
        column_type := backorder.attached_column(app_table, entry.key, entry.value);
        PERFORM backorder.attached_source(entry.key, entry.value, column_type,
                                          (engine_types ->> entry.key)::regtype);
        used_for := used_for || jsonb_build_object(entry.value, entry.key);
    END LOOP;
    FOR entry IN SELECT key, value FROM jsonb_each_text(writes) ORDER BY key LOOP
        column_type := backorder.attached_column(app_table, entry.key || '_into', entry.value);
        PERFORM backorder.attached_target(entry.key || '_into', entry.value, column_type);
        IF used_for ? entry.value THEN
            RAISE EXCEPTION 'column "%" of relation "%" is mapped twice', entry.value, shown
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = format('Both %s and %s_into name it.',
                                      used_for ->> entry.value, entry.key);
        END IF;
        used_for := used_for || jsonb_build_object(entry.value, entry.key || '_into');
    END LOOP;

    IF (writes ? 'status' OR writes ? 'promised_date') AND line_id_column IS NULL THEN
        RAISE EXCEPTION 'status_into and promised_date_into need line_id_into'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Later changes of status and promised date find the app''s row '
                           'by the line id it keeps.',
                  HINT = 'Add a bigint column for the line id and map it with line_id_into.';
    END IF;
    IF line_id_column IS NOT NULL AND NOT EXISTS (
        SELECT 1
          FROM pg_index i JOIN pg_attribute a
            ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
         WHERE i.indrelid = app_table AND a.attname = line_id_column) THEN
        RAISE WARNING 'column "%" of relation "%" has no index', line_id_column, shown
            USING DETAIL = 'Each change of an order line looks up the app''s row by it.',
                  HINT = format('CREATE INDEX ON %s (%I);', app_table, line_id_column);
    END IF;

    IF writes ? 'status' OR writes ? 'promised_date' THEN
        sync_function := backorder.attached_sync_function(app_table, writes);
    END IF;
    INSERT INTO backorder.attachment (app_table, kind, reads, writes, sync_function)
    VALUES (app_table, kind, reads, writes, sync_function);
    -- Triggers of one event fire in name order: this name sorts after the
    -- app's own, so the engine sees the values they leave.
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT ON %s FOR EACH ROW EXECUTE FUNCTION %s()',
                   'zz_backorder_' || kind, app_table, trigger_function);
END
$$;
COMMENT ON FUNCTION backorder.attach(regclass, text, jsonb, jsonb, jsonb, text) IS
    'Shared work of attach_orders() and attach_receipts(): validate, register, create the trigger';

-- Feed an attached table's new row into backorder.order_line.
CREATE FUNCTION backorder.attached_order_entered()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    reads jsonb;
    writes jsonb;
    v_sku text;
    v_qty numeric;
    v_location text;
    v_order_ref text;
    v_requested_date date;
    v_priority integer;
    v_cancel_after date;
    v_ship_complete boolean;
    v_channel text;
    v_customer text;
    line backorder.order_line;
    assignments text;
    answer jsonb;
BEGIN
    SELECT a.reads, a.writes INTO reads, writes
      FROM backorder.attachment a WHERE a.app_table = TG_RELID AND a.kind = 'orders';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'relation "%" is not attached as orders',
                format('%s.%s', TG_TABLE_SCHEMA, TG_TABLE_NAME)
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = format('Drop trigger %I, or attach the table again.', TG_NAME);
    END IF;
    -- Read the mapped columns cast to the engine's types; the others are null.
    EXECUTE (SELECT 'SELECT ' || string_agg(
                        CASE WHEN reads ? c.name
                             THEN format('CAST(($1).%I AS %s)', reads ->> c.name, c.type)
                             ELSE format('NULL::%s', c.type) END, ', ' ORDER BY c.n)
               FROM (VALUES (1, 'sku', 'text'), (2, 'qty', 'numeric'), (3, 'location', 'text'),
                            (4, 'order_ref', 'text'), (5, 'requested_date', 'date'),
                            (6, 'priority', 'integer'), (7, 'cancel_after', 'date'),
                            (8, 'ship_complete', 'boolean'), (9, 'channel', 'text'),
                            (10, 'customer', 'text')) AS c (n, name, type))
        INTO v_sku, v_qty, v_location, v_order_ref, v_requested_date, v_priority,
             v_cancel_after, v_ship_complete, v_channel, v_customer
        USING NEW;
    -- A null in an optional column takes the engine's default.
    INSERT INTO backorder.order_line
           (sku, qty, location, order_ref, requested_date, priority, cancel_after,
            ship_complete, channel, customer)
    VALUES (v_sku, v_qty, coalesce(v_location, 'main'), v_order_ref,
            coalesce(v_requested_date, backorder.today()), coalesce(v_priority, 100),
            v_cancel_after, coalesce(v_ship_complete, false), v_channel, v_customer)
    RETURNING line_id INTO line.line_id;
    -- The engine planned the line when the INSERT ended; read what it decided.
    SELECT * INTO line FROM backorder.order_line l WHERE l.line_id = line.line_id;
    IF writes = '{}' THEN
        RETURN NEW;
    END IF;
    -- Convert as attached_lines_changed() does later, so the app sees one format.
    SELECT string_agg(format('%L, CAST(($1).%I AS %s)', w.value, w.key,
                             format_type(c.atttypid, c.atttypmod)), ', ' ORDER BY w.key)
      INTO assignments
      FROM jsonb_each_text(writes) w
      JOIN pg_attribute c ON c.attrelid = TG_RELID AND c.attname = w.value;
    EXECUTE format('SELECT jsonb_build_object(%s)', assignments) INTO answer USING line;
    RETURN jsonb_populate_record(NEW, answer);
END
$$;
COMMENT ON FUNCTION backorder.attached_order_entered() IS
    'Trigger on an attached orders table: enter the row as an order line, write back the result';

-- Feed an attached table's new row into backorder.receipt.
CREATE FUNCTION backorder.attached_receipt_arrived()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    reads jsonb;
    writes jsonb;
    v_sku text;
    v_qty numeric;
    v_location text;
    v_supply_id bigint;
    v_reference text;
    new_receipt_id bigint;
BEGIN
    SELECT a.reads, a.writes INTO reads, writes
      FROM backorder.attachment a WHERE a.app_table = TG_RELID AND a.kind = 'receipts';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'relation "%" is not attached as receipts',
                format('%s.%s', TG_TABLE_SCHEMA, TG_TABLE_NAME)
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = format('Drop trigger %I, or attach the table again.', TG_NAME);
    END IF;
    -- Read the mapped columns cast to the engine's types; the others are null.
    EXECUTE (SELECT 'SELECT ' || string_agg(
                        CASE WHEN reads ? c.name
                             THEN format('CAST(($1).%I AS %s)', reads ->> c.name, c.type)
                             ELSE format('NULL::%s', c.type) END, ', ' ORDER BY c.n)
               FROM (VALUES (1, 'sku', 'text'), (2, 'qty', 'numeric'), (3, 'location', 'text'),
                            (4, 'supply_id', 'bigint'), (5, 'supply_reference', 'text'))
                    AS c (n, name, type))
        INTO v_sku, v_qty, v_location, v_supply_id, v_reference
        USING NEW;
    v_location := coalesce(v_location, 'main');
    -- A purchase-order reference names the oldest open supply of this sku with
    -- it; goods for a reference with nothing open arrive as unannounced stock.
    IF v_reference IS NOT NULL THEN
        SELECT s.supply_id INTO v_supply_id
          FROM backorder.supply s
         WHERE s.reference = v_reference AND s.sku = v_sku AND s.location = v_location
           AND s.qty > s.qty_received
         ORDER BY s.expected_date, s.supply_id
         LIMIT 1;
    END IF;
    INSERT INTO backorder.receipt (sku, qty, location, supply_id)
    VALUES (v_sku, v_qty, v_location, v_supply_id)
    RETURNING receipt_id INTO new_receipt_id;
    IF writes ? 'receipt_id' THEN
        RETURN jsonb_populate_record(NEW,
                                     jsonb_build_object(writes ->> 'receipt_id', new_receipt_id));
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION backorder.attached_receipt_arrived() IS
    'Trigger on an attached receipts table: record the row as a receipt, write back its id';

-- Carry changes of status and promised date to the attached tables' rows,
-- through each attachment's sync function.
CREATE FUNCTION backorder.attached_lines_changed()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    changed bigint[];
    target record;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM backorder.attachment a WHERE a.sync_function IS NOT NULL) THEN
        RETURN NULL;
    END IF;
    SELECT array_agg(n.line_id ORDER BY n.line_id) INTO changed
      FROM new_rows n JOIN old_rows o USING (line_id)
     WHERE (n.status, n.promised_date) IS DISTINCT FROM (o.status, o.promised_date);
    IF changed IS NULL THEN
        RETURN NULL;
    END IF;
    -- A sync function dropped by hand is passed over; attach again to restore it.
    FOR target IN
        SELECT a.sync_function FROM backorder.attachment a
         WHERE a.sync_function IS NOT NULL
           AND to_regprocedure(a.sync_function || '(bigint[])') IS NOT NULL
         ORDER BY a.app_table::oid
    LOOP
        EXECUTE format('SELECT %s($1)', target.sync_function) USING changed;
    END LOOP;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION backorder.attached_lines_changed() IS
    'Trigger on backorder.order_line: hand changed status and promised dates to attached tables';

CREATE TRIGGER attached_lines_changed AFTER UPDATE ON backorder.order_line
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION backorder.attached_lines_changed();
COMMENT ON TRIGGER attached_lines_changed ON backorder.order_line IS
    'Carries status and promised-date changes to tables attached with attach_orders()';

CREATE FUNCTION backorder.attach_orders(
    app_table regclass,
    sku text DEFAULT 'sku',
    qty text DEFAULT 'qty',
    location text DEFAULT NULL,
    order_ref text DEFAULT NULL,
    requested_date text DEFAULT NULL,
    priority text DEFAULT NULL,
    cancel_after text DEFAULT NULL,
    ship_complete text DEFAULT NULL,
    channel text DEFAULT NULL,
    customer text DEFAULT NULL,
    line_id_into text DEFAULT NULL,
    status_into text DEFAULT NULL,
    promised_date_into text DEFAULT NULL)
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF sku IS NULL OR qty IS NULL THEN
        RAISE EXCEPTION 'mapping % must name a column of relation "%"',
                CASE WHEN sku IS NULL THEN 'sku' ELSE 'qty' END,
                backorder.attached_name(app_table)
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Every order line has a sku and a quantity.';
    END IF;
    PERFORM backorder.attach(
        app_table, 'orders',
        jsonb_strip_nulls(jsonb_build_object(
            'sku', sku, 'qty', qty, 'location', location, 'order_ref', order_ref,
            'requested_date', requested_date, 'priority', priority,
            'cancel_after', cancel_after, 'ship_complete', ship_complete,
            'channel', channel, 'customer', customer)),
        jsonb_strip_nulls(jsonb_build_object(
            'line_id', line_id_into, 'status', status_into,
            'promised_date', promised_date_into)),
        '{"sku": "text", "qty": "numeric", "location": "text", "order_ref": "text",
          "requested_date": "date", "priority": "integer", "cancel_after": "date",
          "ship_complete": "boolean", "channel": "text", "customer": "text",
          "line_id": "bigint", "status": "text", "promised_date": "date"}',
        'backorder.attached_order_entered');
END
$$;
COMMENT ON FUNCTION backorder.attach_orders(regclass, text, text, text, text, text, text, text,
                                            text, text, text, text, text, text) IS
    'Enter every new row of an app''s orders table as an order line, in the same transaction. '
    'Each argument names the app''s column for that order-line column; *_into name the '
    'columns that receive the line id, status and promised date';

CREATE FUNCTION backorder.attach_receipts(
    app_table regclass,
    sku text DEFAULT 'sku',
    qty text DEFAULT 'qty',
    location text DEFAULT NULL,
    supply_id text DEFAULT NULL,
    supply_reference text DEFAULT NULL,
    receipt_id_into text DEFAULT NULL)
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF sku IS NULL OR qty IS NULL THEN
        RAISE EXCEPTION 'mapping % must name a column of relation "%"',
                CASE WHEN sku IS NULL THEN 'sku' ELSE 'qty' END,
                backorder.attached_name(app_table)
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Every receipt has a sku and a quantity.';
    END IF;
    IF supply_id IS NOT NULL AND supply_reference IS NOT NULL THEN
        RAISE EXCEPTION 'map either supply_id or supply_reference, not both'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A receipt is matched to its supply one way.';
    END IF;
    PERFORM backorder.attach(
        app_table, 'receipts',
        jsonb_strip_nulls(jsonb_build_object(
            'sku', sku, 'qty', qty, 'location', location, 'supply_id', supply_id,
            'supply_reference', supply_reference)),
        jsonb_strip_nulls(jsonb_build_object('receipt_id', receipt_id_into)),
        '{"sku": "text", "qty": "numeric", "location": "text", "supply_id": "bigint",
          "supply_reference": "text", "receipt_id": "bigint"}',
        'backorder.attached_receipt_arrived');
END
$$;
COMMENT ON FUNCTION backorder.attach_receipts(regclass, text, text, text, text, text, text) IS
    'Record every new row of an app''s goods-in table as a receipt, in the same transaction. '
    'supply_id or supply_reference (matched to supply.reference) ties it to a purchase order';

-- Remove an attachment's trigger, sync function and mapping.
CREATE FUNCTION backorder.detach(app_table regclass, kind text)
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    sync_function text;
BEGIN
    DELETE FROM backorder.attachment a
     WHERE a.app_table = detach.app_table AND a.kind = detach.kind
    RETURNING a.sync_function INTO sync_function;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'relation "%" is not attached as %', backorder.attached_name(app_table),
                kind
            USING ERRCODE = 'undefined_object';
    END IF;
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', 'zz_backorder_' || kind, app_table);
    IF sync_function IS NOT NULL THEN
        EXECUTE format('DROP FUNCTION IF EXISTS %s(bigint[])', sync_function);
    END IF;
END
$$;
COMMENT ON FUNCTION backorder.detach(regclass, text) IS
    'Shared work of detach_orders() and detach_receipts()';

CREATE FUNCTION backorder.detach_orders(app_table regclass)
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM backorder.detach(app_table, 'orders');
END
$$;
COMMENT ON FUNCTION backorder.detach_orders(regclass) IS
    'Stop feeding an app''s orders table into the engine; its rows and order lines stay';

CREATE FUNCTION backorder.detach_receipts(app_table regclass)
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM backorder.detach(app_table, 'receipts');
END
$$;
COMMENT ON FUNCTION backorder.detach_receipts(regclass) IS
    'Stop feeding an app''s goods-in table into the engine; its rows and receipts stay';

-- Forget attachments of tables that were dropped (their triggers went with
-- them) and drop their sync functions.
-- It runs for every user's DROP, so it runs with its owner's rights.
CREATE FUNCTION backorder.forget_dropped_attachments()
    RETURNS event_trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    sync_function text;
BEGIN
    FOR sync_function IN
        DELETE FROM backorder.attachment a
         USING pg_event_trigger_dropped_objects() d
         WHERE d.classid = 'pg_class'::regclass AND d.objsubid = 0 AND d.objid = a.app_table
        RETURNING a.sync_function
    LOOP
        IF sync_function IS NOT NULL THEN
            EXECUTE format('DROP FUNCTION IF EXISTS %s(bigint[])', sync_function);
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION backorder.forget_dropped_attachments() IS
    'Event trigger: remove the attachments of dropped tables';

CREATE EVENT TRIGGER backorder_forget_dropped_attachments ON sql_drop
    EXECUTE FUNCTION backorder.forget_dropped_attachments();
COMMENT ON EVENT TRIGGER backorder_forget_dropped_attachments IS
    'Removes the attachments of dropped tables from backorder.attachment';

-- Attaching is the administrator's; the trigger functions fire whatever their
-- EXECUTE privilege.
REVOKE EXECUTE ON FUNCTION
    backorder.attached_name(regclass),
    backorder.attached_column(regclass, text, text),
    backorder.attached_source(text, text, regtype, regtype),
    backorder.attached_target(text, text, regtype),
    backorder.attached_sync_function(regclass, jsonb),
    backorder.attach(regclass, text, jsonb, jsonb, jsonb, text),
    backorder.attached_order_entered(),
    backorder.attached_receipt_arrived(),
    backorder.attached_lines_changed(),
    backorder.attach_orders(regclass, text, text, text, text, text, text, text, text, text, text,
                            text, text, text),
    backorder.attach_receipts(regclass, text, text, text, text, text, text),
    backorder.detach(regclass, text),
    backorder.detach_orders(regclass),
    backorder.detach_receipts(regclass),
    backorder.forget_dropped_attachments()
FROM PUBLIC;
