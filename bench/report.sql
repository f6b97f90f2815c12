-- The benchmark's table: per case and measure, each side's median with its
-- range over the repetitions, the ratio the target is about, and whether it
-- is met. Printed as a Markdown table.

WITH figure AS (
    SELECT case_id, measure, side, median,
           CASE WHEN reps = 1 OR low = high THEN bench.num(median)
                ELSE format('%s (%s–%s)', bench.num(median), bench.num(low), bench.num(high))
           END AS text
      FROM bench.summary
), label AS (
    SELECT case_id, measure, min(label) AS label, min(seq) AS seq
      FROM bench.result GROUP BY case_id, measure
), target (case_id, measure, num_side, num_measure, den_side, den_measure, op, bound, wording) AS (
    VALUES
    ('1', 'fill', 'baseline', 'fill', 'extension', 'fill', '>=', 3, 'baseline ÷ extension ≥ 3'),
    ('2', 'q100000', 'extension', 'q100000', 'extension', 'q10000', '<=', 1.3,
     'extension ÷ its shorter-queue figure ≤ 1.3'),
    ('3', 'off', 'extension', 'off', 'floor', 'off', '>=', 0.8, 'extension ÷ floor ≥ 0.8'),
    ('3', 'off', 'extension', 'off', 'baseline', 'off', '>', 1, 'extension ÷ baseline > 1'),
    ('3', 'on', 'extension', 'on', 'floor', 'on', '>=', 0.8, 'extension ÷ floor ≥ 0.8'),
    ('3', 'on', 'extension', 'on', 'baseline', 'on', '>', 1, 'extension ÷ baseline > 1'),
    ('4', 'atp_large', 'extension', 'atp_large', 'extension', 'atp_small', '<=', 1.5,
     'extension ÷ its shorter-queue figure ≤ 1.5'),
    ('4', 'promise_large', 'extension', 'promise_large', 'extension', 'promise_small', '<=',
     1.5, 'extension ÷ its shorter-queue figure ≤ 1.5'),
    ('5', 'lines', 'extension', 'lines', 'floor', 'lines', '<=', 3, 'extension ÷ floor ≤ 3'),
    ('5', 'receipts', 'extension', 'receipts', 'floor', 'receipts', '<=', 3,
     'extension ÷ floor ≤ 3'),
    ('6', 'c2_failed', 'extension', 'c2_failed', NULL, NULL, '=', 0, 'none'),
    ('6', 'c4_failed', 'extension', 'c4_failed', NULL, NULL, '=', 0, 'none'),
    ('6', 'c8_failed', 'extension', 'c8_failed', NULL, NULL, '=', 0, 'none'),
    ('6', 'check', 'extension', 'check', NULL, NULL, '=', 0, 'none'),
    ('7', 'entry_large', 'extension', 'entry_large', 'extension', 'entry_small', '<=', 1.5,
     'extension ÷ its 1-line-per-sku figure ≤ 1.5'),
    ('7', 'receipt_large', 'extension', 'receipt_large', 'extension', 'receipt_small', '<=',
     1.5, 'extension ÷ its 1-line-per-sku figure ≤ 1.5'),
    ('7', 'atp_large', 'extension', 'atp_large', 'extension', 'atp_small', '<=', 1.5,
     'extension ÷ its 1-line-per-sku figure ≤ 1.5')
), judged AS (
    SELECT t.case_id, t.measure, t.wording, t.op, t.bound,
           n.median / nullif(d.median, 0) AS ratio, n.median AS value,
           t.den_side IS NULL AS absolute
      FROM target t
      JOIN bench.summary n ON n.case_id = t.case_id AND n.measure = t.num_measure
                          AND n.side = t.num_side
      LEFT JOIN bench.summary d ON d.case_id = t.case_id AND d.measure = t.den_measure
                               AND d.side = t.den_side
), verdict AS (
    SELECT case_id, measure,
           string_agg(CASE WHEN absolute THEN bench.num(value) ELSE bench.num(ratio) || '×' END,
                      ', '
                      ORDER BY wording) AS ratio,
           string_agg(wording, '; ' ORDER BY wording) AS target,
           bool_and(CASE op WHEN '>=' THEN coalesce(ratio, value) >= bound
                            WHEN '>' THEN coalesce(ratio, value) > bound
                            WHEN '<=' THEN coalesce(ratio, value) <= bound
                            ELSE value = bound END) AS met
      FROM judged GROUP BY case_id, measure
)
SELECT row
  FROM (SELECT 0 AS case_id, 0 AS seq,
               '| case | measure | extension | baseline | floor | writes | ratio | target | met |'
               AS row
        UNION ALL
        SELECT 0, 1, '|---|---|--:|--:|--:|--:|--:|---|---|'
        UNION ALL
        SELECT l.case_id::integer, l.seq,
               format('| %s | %s | %s | %s | %s | %s | %s | %s | %s |', l.case_id, l.label,
                      coalesce(e.text, ''), coalesce(b.text, ''), coalesce(f.text, ''),
                      coalesce(w.text, ''), coalesce(v.ratio, ''), coalesce(v.target, ''),
                      CASE WHEN v.met THEN 'yes' WHEN NOT v.met THEN 'no' ELSE '' END)
          FROM label l
          LEFT JOIN figure e ON (e.case_id, e.measure, e.side) = (l.case_id, l.measure, 'extension')
          LEFT JOIN figure b ON (b.case_id, b.measure, b.side) = (l.case_id, l.measure, 'baseline')
          LEFT JOIN figure f ON (f.case_id, f.measure, f.side) = (l.case_id, l.measure, 'floor')
          LEFT JOIN figure w ON (w.case_id, w.measure, w.side) = (l.case_id, l.measure, 'writes')
          LEFT JOIN verdict v ON (v.case_id, v.measure) = (l.case_id, l.measure)) AS rows
 ORDER BY case_id, seq;
