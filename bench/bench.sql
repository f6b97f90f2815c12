-- Measuring helpers and the results of one benchmark run (schema bench).

CREATE SCHEMA bench;

-- One figure of one repetition; side is extension, baseline, floor or writes.
CREATE TABLE bench.result (
    seq bigserial,
    case_id text NOT NULL,
    measure text NOT NULL,
    label text NOT NULL,
    side text NOT NULL,
    rep integer NOT NULL,
    value double precision NOT NULL
);

-- Run one statement; return its duration on the server in milliseconds.
CREATE FUNCTION bench.elapsed_ms(statement text) RETURNS double precision
    LANGUAGE plpgsql AS $$
DECLARE
    started timestamptz := clock_timestamp();
BEGIN
    EXECUTE statement;
    RETURN extract(epoch FROM clock_timestamp() - started) * 1000;
END $$;

-- Call atp() or promise() of one side on a sku for at least min_ms (and at
-- least 3 times); return the mean time per call in microseconds. The calls
-- are static, so their plans are kept as an application's would be.
CREATE FUNCTION bench.quote_us(side text, what text, p_sku text, min_ms double precision)
    RETURNS double precision
    LANGUAGE plpgsql AS $$
DECLARE
    started timestamptz := clock_timestamp();
    calls integer := 0;
    spent double precision := 0;
BEGIN
    WHILE calls < 3 OR spent < min_ms LOOP
        IF side = 'extension' AND what = 'atp' THEN
            PERFORM backorder.atp(p_sku);
        ELSIF side = 'extension' THEN
            PERFORM * FROM backorder.promise(p_sku, 5);
        ELSIF what = 'atp' THEN
            PERFORM baseline.atp(p_sku);
        ELSE
            PERFORM * FROM baseline.promise(p_sku, 5);
        END IF;
        calls := calls + 1;
        spent := extract(epoch FROM clock_timestamp() - started) * 1000;
    END LOOP;
    RETURN spent * 1000 / calls;
END $$;

-- Median, minimum and maximum of each figure over the repetitions.
CREATE VIEW bench.summary AS
SELECT case_id, measure, side,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median,
       min(value) AS low, max(value) AS high, count(*) AS reps
  FROM bench.result
 GROUP BY case_id, measure, side;

-- A figure rounded for the table: whole numbers from 100, else 3 digits.
CREATE FUNCTION bench.num(x double precision) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN abs(x) >= 100 OR x = round(x) THEN round(x::numeric)::text
                WHEN abs(x) >= 10 THEN round(x::numeric, 1)::text
                ELSE round(x::numeric, 2)::text END
$$;
