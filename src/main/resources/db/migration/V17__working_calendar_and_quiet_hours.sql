-- Issue 17 items 3 and 4: the working calendar per country as data, and quiet hours in the outbox.
-- Portable SQL: runs on H2 (default) and PostgreSQL (production profile).

-- A year of a country's working calendar that has been loaded (by this migration or PUT /api/calendar/{year}).
-- While a country has no row for a year, that year counts Monday to Friday minus the general `holidays` table
-- of V1 (the behaviour before this migration); once loaded, exactly the days below count.
CREATE TABLE calendar_years (
    country    VARCHAR(2)   NOT NULL,
    cal_year   INTEGER      NOT NULL,
    source     VARCHAR(500),
    updated_at TIMESTAMP    NOT NULL,
    updated_by VARCHAR(100) NOT NULL,
    PRIMARY KEY (country, cal_year)
);

-- The exceptions to "Monday to Friday": public holidays (every day of a break, weekend days included, as the
-- notices list them) and the make-up working weekends (调休, a Saturday or Sunday that is worked).
CREATE TABLE calendar_days (
    country       VARCHAR(2)   NOT NULL,
    calendar_date DATE         NOT NULL,
    kind          VARCHAR(20)  NOT NULL, -- HOLIDAY, WORKING_WEEKEND
    name          VARCHAR(200),
    PRIMARY KEY (country, calendar_date)
);

-- China, from the State Council General Office (国务院办公厅) notices on the public holidays of each year.
-- Both checked against the notice as published by Xinhua (新华社) on the day of issue:
--   2025: 国办发明电〔2024〕12号, 国务院办公厅关于2025年部分节假日安排的通知, 12 November 2024
--         (the first year of the revised 全国年节及纪念日放假办法: Spring Festival and Labour Day one day longer).
--   2026: 国务院办公厅关于2026年部分节假日安排的通知, 4 November 2025. Every date below matches the text of the
--         notice; its document number 国办发明电〔2025〕7号 is as given in the issue and was not seen in the
--         published text.
INSERT INTO calendar_years (country, cal_year, source, updated_at, updated_by) VALUES
    ('CN', 2025, '国办发明电〔2024〕12号', TIMESTAMP '2024-11-12 00:00:00', 'migration V17'),
    ('CN', 2026, '国办发明电〔2025〕7号 (国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04)',
     TIMESTAMP '2025-11-04 00:00:00', 'migration V17');

-- 2025: 国办发明电〔2024〕12号 (国务院办公厅关于2025年部分节假日安排的通知, 12 Nov 2024)
INSERT INTO calendar_days (country, calendar_date, kind, name) VALUES
    ('CN', DATE '2025-01-01', 'HOLIDAY', '元旦 New Year''s Day'),
    ('CN', DATE '2025-01-28', 'HOLIDAY', '春节 Spring Festival'),
    ('CN', DATE '2025-01-29', 'HOLIDAY', '春节 Spring Festival'),
    ('CN', DATE '2025-01-30', 'HOLIDAY', '春节 Spring Festival'),
    ('CN', DATE '2025-01-31', 'HOLIDAY', '春节 Spring Festival'),
    ('CN', DATE '2025-02-01', 'HOLIDAY', '春节 Spring Festival'),
    ('CN', DATE '2025-02-02', 'HOLIDAY', '春节 Spring Festival'),
    ('CN', DATE '2025-02-03', 'HOLIDAY', '春节 Spring Festival'),
    ('CN', DATE '2025-02-04', 'HOLIDAY', '春节 Spring Festival'),
    ('CN', DATE '2025-04-04', 'HOLIDAY', '清明节 Qingming'),
    ('CN', DATE '2025-04-05', 'HOLIDAY', '清明节 Qingming'),
    ('CN', DATE '2025-04-06', 'HOLIDAY', '清明节 Qingming'),
    ('CN', DATE '2025-05-01', 'HOLIDAY', '劳动节 Labour Day'),
    ('CN', DATE '2025-05-02', 'HOLIDAY', '劳动节 Labour Day'),
    ('CN', DATE '2025-05-03', 'HOLIDAY', '劳动节 Labour Day'),
    ('CN', DATE '2025-05-04', 'HOLIDAY', '劳动节 Labour Day'),
    ('CN', DATE '2025-05-05', 'HOLIDAY', '劳动节 Labour Day'),
    ('CN', DATE '2025-05-31', 'HOLIDAY', '端午节 Dragon Boat Festival'),
    ('CN', DATE '2025-06-01', 'HOLIDAY', '端午节 Dragon Boat Festival'),
    ('CN', DATE '2025-06-02', 'HOLIDAY', '端午节 Dragon Boat Festival'),
    ('CN', DATE '2025-10-01', 'HOLIDAY', '国庆节、中秋节 National Day and Mid-Autumn'),
    ('CN', DATE '2025-10-02', 'HOLIDAY', '国庆节、中秋节 National Day and Mid-Autumn'),
    ('CN', DATE '2025-10-03', 'HOLIDAY', '国庆节、中秋节 National Day and Mid-Autumn'),
    ('CN', DATE '2025-10-04', 'HOLIDAY', '国庆节、中秋节 National Day and Mid-Autumn'),
    ('CN', DATE '2025-10-05', 'HOLIDAY', '国庆节、中秋节 National Day and Mid-Autumn'),
    ('CN', DATE '2025-10-06', 'HOLIDAY', '国庆节、中秋节 National Day and Mid-Autumn'),
    ('CN', DATE '2025-10-07', 'HOLIDAY', '国庆节、中秋节 National Day and Mid-Autumn'),
    ('CN', DATE '2025-10-08', 'HOLIDAY', '国庆节、中秋节 National Day and Mid-Autumn'),
    ('CN', DATE '2025-01-26', 'WORKING_WEEKEND', '春节调休 Spring Festival make-up day'),
    ('CN', DATE '2025-02-08', 'WORKING_WEEKEND', '春节调休 Spring Festival make-up day'),
    ('CN', DATE '2025-04-27', 'WORKING_WEEKEND', '劳动节调休 Labour Day make-up day'),
    ('CN', DATE '2025-09-28', 'WORKING_WEEKEND', '国庆节调休 National Day make-up day'),
    ('CN', DATE '2025-10-11', 'WORKING_WEEKEND', '国庆节调休 National Day make-up day');
-- 2026: 国办发明电〔2025〕7号 (国务院办公厅关于2026年部分节假日安排的通知, 4 Nov 2025)
INSERT INTO calendar_days (country, calendar_date, kind, name) VALUES
    ('CN', DATE '2026-01-01', 'HOLIDAY', '元旦 New Year''s Day'),
    ('CN', DATE '2026-01-02', 'HOLIDAY', '元旦 New Year''s Day'),
    ('CN', DATE '2026-01-03', 'HOLIDAY', '元旦 New Year''s Day'),
    ('CN', DATE '2026-02-15', 'HOLIDAY', '春节 Spring Festival'),
    ('CN', DATE '2026-02-16', 'HOLIDAY', '春节 Spring Festival'),
    ('CN', DATE '2026-02-17', 'HOLIDAY', '春节 Spring Festival'),
    ('CN', DATE '2026-02-18', 'HOLIDAY', '春节 Spring Festival'),
    ('CN', DATE '2026-02-19', 'HOLIDAY', '春节 Spring Festival'),
    ('CN', DATE '2026-02-20', 'HOLIDAY', '春节 Spring Festival'),
    ('CN', DATE '2026-02-21', 'HOLIDAY', '春节 Spring Festival'),
    ('CN', DATE '2026-02-22', 'HOLIDAY', '春节 Spring Festival'),
    ('CN', DATE '2026-02-23', 'HOLIDAY', '春节 Spring Festival'),
    ('CN', DATE '2026-04-04', 'HOLIDAY', '清明节 Qingming'),
    ('CN', DATE '2026-04-05', 'HOLIDAY', '清明节 Qingming'),
    ('CN', DATE '2026-04-06', 'HOLIDAY', '清明节 Qingming'),
    ('CN', DATE '2026-05-01', 'HOLIDAY', '劳动节 Labour Day'),
    ('CN', DATE '2026-05-02', 'HOLIDAY', '劳动节 Labour Day'),
    ('CN', DATE '2026-05-03', 'HOLIDAY', '劳动节 Labour Day'),
    ('CN', DATE '2026-05-04', 'HOLIDAY', '劳动节 Labour Day'),
    ('CN', DATE '2026-05-05', 'HOLIDAY', '劳动节 Labour Day'),
    ('CN', DATE '2026-06-19', 'HOLIDAY', '端午节 Dragon Boat Festival'),
    ('CN', DATE '2026-06-20', 'HOLIDAY', '端午节 Dragon Boat Festival'),
    ('CN', DATE '2026-06-21', 'HOLIDAY', '端午节 Dragon Boat Festival'),
    ('CN', DATE '2026-09-25', 'HOLIDAY', '中秋节 Mid-Autumn Festival'),
    ('CN', DATE '2026-09-26', 'HOLIDAY', '中秋节 Mid-Autumn Festival'),
    ('CN', DATE '2026-09-27', 'HOLIDAY', '中秋节 Mid-Autumn Festival'),
    ('CN', DATE '2026-10-01', 'HOLIDAY', '国庆节 National Day'),
    ('CN', DATE '2026-10-02', 'HOLIDAY', '国庆节 National Day'),
    ('CN', DATE '2026-10-03', 'HOLIDAY', '国庆节 National Day'),
    ('CN', DATE '2026-10-04', 'HOLIDAY', '国庆节 National Day'),
    ('CN', DATE '2026-10-05', 'HOLIDAY', '国庆节 National Day'),
    ('CN', DATE '2026-10-06', 'HOLIDAY', '国庆节 National Day'),
    ('CN', DATE '2026-10-07', 'HOLIDAY', '国庆节 National Day'),
    ('CN', DATE '2026-01-04', 'WORKING_WEEKEND', '元旦调休 New Year make-up day'),
    ('CN', DATE '2026-02-14', 'WORKING_WEEKEND', '春节调休 Spring Festival make-up day'),
    ('CN', DATE '2026-02-28', 'WORKING_WEEKEND', '春节调休 Spring Festival make-up day'),
    ('CN', DATE '2026-05-09', 'WORKING_WEEKEND', '劳动节调休 Labour Day make-up day'),
    ('CN', DATE '2026-09-20', 'WORKING_WEEKEND', '国庆节调休 National Day make-up day'),
    ('CN', DATE '2026-10-10', 'WORKING_WEEKEND', '国庆节调休 National Day make-up day');

-- Quiet hours (22:00-08:00 home time; SMS also not on non-working days): a customer message that falls due then
-- waits until this moment. NULL: may go at once (every message written before this migration).
ALTER TABLE outbox ADD COLUMN not_before TIMESTAMP;
