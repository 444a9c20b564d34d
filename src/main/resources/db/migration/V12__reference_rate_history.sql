-- The reference rate history the statutory interest needs for every invoice still collectable (DOMAIN.md
-- section 6): V2 seeded only 2023-2026, so a CN invoice due before 2023-08-21 or an EU invoice before 2024 had no
-- rate and silently earned 0.00 (issue 15). Portable SQL (H2 and PostgreSQL).
--
-- Only dates that are not in the table yet are inserted: existing installations already have the V2 rows and may
-- have entered corrections over /api/rates; a date already present (seeded or entered by finance) is left as it
-- is, so nothing is duplicated and no correction is overridden.

-- China, one-year rate on the due date (Civil Code art. 585 practice: LPR x 1.5 where no penalty was agreed).
-- Sources:
--  * before the LPR reform: PBOC one-year benchmark lending rate, 4.35% from 2015-10-24 (PBOC announcement of
--    2015-10-23 on lowering the benchmark rates, effective 24 October 2015), unchanged until the reform;
--  * from 2019-08-20: the one-year Loan Prime Rate published by the National Interbank Funding Center on the 20th
--    of each month (next business day when the 20th is a holiday), PBOC announcement [2019] No. 15 of
--    2019-08-17. Only the fixings that changed the rate are listed; the rate holds until the next row.
-- Covers every due date from 2015-10-24 on. Earlier due dates have no row: their statement says "rate unknown".
INSERT INTO lpr_rates (effective_from, rate_percent, entered_by, entered_at)
SELECT v.effective_from, v.rate_percent, 'flyway', CURRENT_TIMESTAMP
FROM (VALUES
    (DATE '2015-10-24', CAST(4.3500 AS NUMERIC(9,4))),
    (DATE '2019-08-20', CAST(4.2500 AS NUMERIC(9,4))),
    (DATE '2019-09-20', CAST(4.2000 AS NUMERIC(9,4))),
    (DATE '2019-11-20', CAST(4.1500 AS NUMERIC(9,4))),
    (DATE '2020-02-20', CAST(4.0500 AS NUMERIC(9,4))),
    (DATE '2020-04-20', CAST(3.8500 AS NUMERIC(9,4))),
    (DATE '2021-12-20', CAST(3.8000 AS NUMERIC(9,4))),
    (DATE '2022-01-20', CAST(3.7000 AS NUMERIC(9,4))),
    (DATE '2022-08-22', CAST(3.6500 AS NUMERIC(9,4))),
    (DATE '2023-06-20', CAST(3.5500 AS NUMERIC(9,4))),
    (DATE '2023-08-21', CAST(3.4500 AS NUMERIC(9,4))),
    (DATE '2024-07-22', CAST(3.3500 AS NUMERIC(9,4))),
    (DATE '2024-10-21', CAST(3.1000 AS NUMERIC(9,4))),
    (DATE '2025-05-20', CAST(3.0000 AS NUMERIC(9,4)))
) AS v (effective_from, rate_percent)
WHERE NOT EXISTS (SELECT 1 FROM lpr_rates r WHERE r.effective_from = v.effective_from);

-- EU, Directive 2011/7/EU art. 2(7): the reference rate of a half-year is the ECB main refinancing operations
-- rate in force on 1 January / 1 July (ECB key interest rates table, ecb.europa.eu). One row per half-year, as
-- DOMAIN.md section 6 lists them: 0.00% for every half-year H1 2016 .. H2 2022 (the MRO rate was 0.05% until
-- 2016-03-16, so H1 2016 at 0.00% claims 0.05 points less than the Directive allows: the safe side), then
-- H1 2023 2.50% (raised 2022-12-21), H2 2023 4.00% (raised 2023-06-21); 2024-2026 are V2's rows.
INSERT INTO ecb_rates (effective_from, rate_percent, entered_by, entered_at)
SELECT v.effective_from, v.rate_percent, 'flyway', CURRENT_TIMESTAMP
FROM (VALUES
    (DATE '2016-01-01', CAST(0.0000 AS NUMERIC(9,4))),
    (DATE '2016-07-01', CAST(0.0000 AS NUMERIC(9,4))),
    (DATE '2017-01-01', CAST(0.0000 AS NUMERIC(9,4))),
    (DATE '2017-07-01', CAST(0.0000 AS NUMERIC(9,4))),
    (DATE '2018-01-01', CAST(0.0000 AS NUMERIC(9,4))),
    (DATE '2018-07-01', CAST(0.0000 AS NUMERIC(9,4))),
    (DATE '2019-01-01', CAST(0.0000 AS NUMERIC(9,4))),
    (DATE '2019-07-01', CAST(0.0000 AS NUMERIC(9,4))),
    (DATE '2020-01-01', CAST(0.0000 AS NUMERIC(9,4))),
    (DATE '2020-07-01', CAST(0.0000 AS NUMERIC(9,4))),
    (DATE '2021-01-01', CAST(0.0000 AS NUMERIC(9,4))),
    (DATE '2021-07-01', CAST(0.0000 AS NUMERIC(9,4))),
    (DATE '2022-01-01', CAST(0.0000 AS NUMERIC(9,4))),
    (DATE '2022-07-01', CAST(0.0000 AS NUMERIC(9,4))),
    (DATE '2023-01-01', CAST(2.5000 AS NUMERIC(9,4))),
    (DATE '2023-07-01', CAST(4.0000 AS NUMERIC(9,4))),
    (DATE '2024-01-01', CAST(4.5000 AS NUMERIC(9,4))),
    (DATE '2024-07-01', CAST(4.2500 AS NUMERIC(9,4))),
    (DATE '2025-01-01', CAST(3.1500 AS NUMERIC(9,4))),
    (DATE '2025-07-01', CAST(2.1500 AS NUMERIC(9,4))),
    (DATE '2026-01-01', CAST(2.1500 AS NUMERIC(9,4)))
) AS v (effective_from, rate_percent)
WHERE NOT EXISTS (SELECT 1 FROM ecb_rates r WHERE r.effective_from = v.effective_from);
