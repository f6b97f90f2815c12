-- Every object of the extension is described with COMMENT ON: functions,
-- tables, views and their columns, triggers and event triggers.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';

SELECT kind, name FROM (
    SELECT 'function' AS kind, p.oid::regprocedure::text AS name,
           obj_description(p.oid, 'pg_proc') AS description
      FROM pg_proc p WHERE p.pronamespace = 'backorder'::regnamespace
    UNION ALL
    SELECT CASE c.relkind WHEN 'v' THEN 'view' ELSE 'table' END, c.oid::regclass::text,
           obj_description(c.oid, 'pg_class')
      FROM pg_class c
     WHERE c.relnamespace = 'backorder'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
    UNION ALL
    SELECT 'column', a.attrelid::regclass || '.' || a.attname,
           col_description(a.attrelid, a.attnum)
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     WHERE c.relnamespace = 'backorder'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
       AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT 'trigger', t.tgname || ' on ' || t.tgrelid::regclass,
           obj_description(t.oid, 'pg_trigger')
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE c.relnamespace = 'backorder'::regnamespace AND NOT t.tgisinternal
    UNION ALL
    SELECT 'event trigger', e.evtname, obj_description(e.oid, 'pg_event_trigger')
      FROM pg_event_trigger e
      JOIN pg_depend d ON d.classid = 'pg_event_trigger'::regclass AND d.objid = e.oid
                      AND d.deptype = 'e'
      JOIN pg_extension x ON x.oid = d.refobjid AND x.extname = 'pg_backorder'
) described
WHERE description IS NULL OR description = ''
ORDER BY 1, 2;

SELECT * FROM backorder.check();
DROP EXTENSION pg_backorder;
