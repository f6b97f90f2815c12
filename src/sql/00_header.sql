-- pg_backorder 1.0: back-order management inside PostgreSQL.
--
-- Tables hold the facts (items, supply, order lines, receipts) and what the
-- engine maintains from them (stock, reservations, promised dates, the
-- allocation ledger and the event outbox). Triggers hand every change to the
-- C++ engine in the same statement. Every function that runs SQL pins its
-- search_path.

\echo Use "CREATE EXTENSION pg_backorder" to load this file. \quit

-- Today as the engine sees it: the backorder.today setting, else current_date.
CREATE FUNCTION backorder.today() RETURNS date
    AS 'MODULE_PATHNAME', 'backorder_today'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION backorder.today() IS
    'The engine''s today: the backorder.today setting if set, else current_date';
