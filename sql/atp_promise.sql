-- Available-to-promise, the ATP profile, and promise quotes.
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';

INSERT INTO backorder.item (sku, lead_time_days) VALUES ('LAMP', 21);
INSERT INTO backorder.item (sku, backorderable) VALUES ('RARE', false);
INSERT INTO backorder.receipt (sku, qty) VALUES ('LAMP', 5), ('RARE', 2);
-- One supply is overdue: it counts as arriving today.
INSERT INTO backorder.supply (sku, qty, expected_date) VALUES
    ('LAMP', 4, '2026-02-20'),
    ('LAMP', 10, '2026-03-15'),
    ('LAMP', 6, '2026-04-30'),
    ('LAMP', 8, '2026-09-01');

-- Nothing waits yet: ATP is stock plus supply due by the date.
SELECT backorder.atp('LAMP') AS today,
       backorder.atp('LAMP', 'main', '2026-03-15') AS mid_march,
       backorder.atp('LAMP', on_date => '2026-12-31') AS year_end;
SELECT * FROM backorder.atp_profile('LAMP');

-- 12 lamps ordered: 5 reserved, 7 wait and claim the earliest supply.
INSERT INTO backorder.order_line (order_ref, sku, qty) VALUES ('W-1', 'LAMP', 12);
SELECT backorder.atp('LAMP') AS today,
       backorder.atp('LAMP', 'main', '2026-03-15') AS mid_march,
       backorder.atp('LAMP', 'main', '2026-04-30') AS end_april;
SELECT * FROM backorder.atp_profile('LAMP', 'main', 60);
SELECT * FROM backorder.atp_profile('LAMP', 'main', 365);

-- Quotes: behind W-1 at default priority; ahead of it at priority 10.
SELECT * FROM backorder.promise('LAMP', 8);
SELECT * FROM backorder.promise('LAMP', 8, priority => 10);
SELECT * FROM backorder.promise('LAMP', 30, requested_date => '2026-04-01');
-- A quote reserves nothing.
SELECT on_hand, allocated, backordered FROM backorder.stock_position WHERE sku = 'LAMP';

-- Not backorderable: stock or a stockout.
SELECT * FROM backorder.promise('RARE', 2);
SELECT * FROM backorder.promise('RARE', 3);

-- Bad input.
SELECT backorder.atp('NOPE');
SELECT backorder.atp(NULL);
SELECT backorder.atp('LAMP', 'main', '2026-03-01');
SELECT * FROM backorder.atp_profile('LAMP', 'main', -1);
SELECT * FROM backorder.promise('LAMP', 0);
SELECT * FROM backorder.promise('LAMP', -3);
SELECT * FROM backorder.promise('NOPE', 1);

SELECT * FROM backorder.check();
DROP EXTENSION pg_backorder;
