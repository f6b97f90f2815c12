-- Statistics as SQL: published quantiles, the normal loss, safety stock and reorder points.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';

-- Standard normal quantiles as in published normal tables, the references given to 22
-- significant digits; each must agree to 1e-9.
SELECT p,
       round(backorder.inverse_normal(p)::numeric, 10) AS z,
       abs(backorder.inverse_normal(p) - ref) < 1e-9 AS within_1e9
  FROM (VALUES (0.5::float8, 0.0::float8),
               (0.8, 0.8416212335729142051787),
               (0.9, 1.281551565544600466965),
               (0.95, 1.644853626951472714864),
               (0.975, 1.959963984540054235525),
               (0.99, 2.326347874040841100886),
               (0.995, 2.575829303548900760979),
               (0.999, 3.09023230616781354154),
               (0.05, -1.644853626951472714864),
               (1e-10, -6.361340902404056204695)) AS t(p, ref)
 ORDER BY p;

-- The standard normal loss G(z) = phi(z) - z (1 - Phi(z)) (the unit normal loss integral of
-- inventory texts), and its inverse.
SELECT z,
       round(backorder.normal_loss(z)::numeric, 12) AS loss,
       abs(backorder.normal_loss(z) - ref) < 1e-9 AS within_1e9
  FROM (VALUES (-1::float8, 1.083315470587686298383::float8),
               (0, 0.3989422804014326779399),
               (0.5, 0.1977965574013060295935),
               (1, 0.08331547058768629838306),
               (1.5, 0.02930679376260462860736),
               (2, 0.008490702616829637549999),
               (3, 0.0003821543170477235956469),
               (5, 5.346165533832814953948e-8)) AS t(z, ref)
 ORDER BY z;
SELECT g,
       round(backorder.inverse_normal_loss(g)::numeric, 10) AS z,
       abs(backorder.inverse_normal_loss(g) - ref) < 1e-9 AS within_1e9
  FROM (VALUES (0.5::float8, -0.1880492599880987045562::float8),
               (0.1, 0.9023463475100345213657),
               (0.01, 1.938356307290102313737)) AS t(g, ref)
 ORDER BY g;

-- Safety stock z sqrt(L sd_d^2 + d^2 sd_L^2) and reorder point d L + SS, by hand:
--   A: 95%, d 20 sd 5 per day, L 9 sd 2 days: sigma = sqrt(9*25 + 400*4) = sqrt(1825)
--      = 42.72001872658766, SS = 1.6448536269514727 * sigma = 70.26817774586254,
--      ROP = 180 + SS = 250.26817774586254
--   B: 90%, d 10 sd 0, L 4 sd 1: sigma = 10, SS = 12.815515655446005, ROP = 52.815515655446005
--   C: 99%, d 100 sd 30, L 4 sd 0: sigma = 60, SS = 139.58087244245047, ROP = 539.58087244245047
SELECT name,
       round(backorder.safety_stock(sl, d, sd_d, l, sd_l)::numeric, 9) AS safety_stock,
       round(backorder.reorder_point(sl, d, sd_d, l, sd_l)::numeric, 9) AS reorder_point,
       abs(backorder.safety_stock(sl, d, sd_d, l, sd_l) - ss) < 1e-9 AS ss_within_1e9,
       abs(backorder.reorder_point(sl, d, sd_d, l, sd_l) - rop) < 1e-9 AS rop_within_1e9
  FROM (VALUES ('A', 0.95::float8, 20::float8, 5::float8, 9::float8, 2::float8,
                70.26817774586254051103::float8, 250.2681777458625405110::float8),
               ('B', 0.90, 10, 0, 4, 1, 12.81551565544600466965, 52.81551565544600466965),
               ('C', 0.99, 100, 30, 4, 0, 139.5808724424504660531, 539.5808724424504660531))
       AS t(name, sl, d, sd_d, l, sd_l, ss, rop)
 ORDER BY name;
-- Lead-time deviation defaults to zero.
SELECT round(backorder.safety_stock(0.99, 100, 30, 4)::numeric, 6) AS c_again;
-- Without variability there is nothing to buffer.
SELECT backorder.safety_stock(0.95, 20, 0, 9, 0) AS none,
       backorder.reorder_point(0.95, 20, 0, 9, 0) AS rop;

-- Safety stock for a fill rate through the loss function, sigma = sqrt(1825) as in A:
--   99% with orders of 500: G(z) = 0.01 * 500 / sigma = 0.11704114719613056,
--   z = 0.8150998229333026, SS = z sigma = 34.82107969974897
--   99.9% with orders of 100: G(z) = 0.1 / sigma, SS = 104.64399410741974
--   90% with orders of 1000: G(z) = 100 / sigma = 2.3408, z = -2.3375, SS = -99.86 < 0:
--   the order quantity alone meets the fill rate, so no safety stock (0, never negative).
SELECT fr, q,
       round(backorder.fill_rate_safety_stock(fr, q, 20, 5, 9, 2)::numeric, 9) AS safety_stock,
       abs(backorder.fill_rate_safety_stock(fr, q, 20, 5, 9, 2) - ss) < 1e-9 AS within_1e9
  FROM (VALUES (0.99::float8, 500::float8, 34.82107969974896815259::float8),
               (0.999, 100, 104.6439941074197441352),
               (0.90, 1000, 0)) AS t(fr, q, ss)
 ORDER BY fr;
SELECT backorder.fill_rate_safety_stock(0.99, 500, 20, 0, 9, 0) AS no_variability;

-- Nulls in, null out.
SELECT backorder.inverse_normal(NULL) IS NULL AS null_level,
       backorder.safety_stock(0.95, NULL, 5, 9, 2) IS NULL AS null_demand;

-- Outside the domain: clear errors with SQLSTATE 22023.
SELECT backorder.inverse_normal(0);
\echo :LAST_ERROR_SQLSTATE
SELECT backorder.inverse_normal(1);
SELECT backorder.inverse_normal(95);
SELECT backorder.inverse_normal(-0.5);
SELECT backorder.inverse_normal('NaN');
SELECT backorder.inverse_normal_loss(0);
SELECT backorder.safety_stock(1.2, 20, 5, 9, 2);
SELECT backorder.safety_stock(0.95, -20, 5, 9, 2);
SELECT backorder.safety_stock(0.95, 20, -5, 9, 2);
\echo :LAST_ERROR_SQLSTATE
SELECT backorder.safety_stock(0.95, 20, 5, -9, 2);
SELECT backorder.reorder_point(0.95, 20, 5, 9, -2);
SELECT backorder.reorder_point(0.95, 'Infinity', 5, 9, 2);
SELECT backorder.fill_rate_safety_stock(0.99, 0, 20, 5, 9, 2);
SELECT backorder.fill_rate_safety_stock(0, 500, 20, 5, 9, 2);
-- A result beyond double precision is out of range (22003).
SELECT backorder.safety_stock(0.95, 1e300, 0, 1e300, 1e300);
\echo :LAST_ERROR_SQLSTATE

SELECT * FROM backorder.check();
DROP EXTENSION pg_backorder;
