-- Issue 17: the language of what goes out to the customer (reminders, SMS, the formal letter). zh or en.
-- Existing customers get the default of their country: Chinese-speaking markets (CN, HK, TW, MO, SG) zh,
-- every other country and customers without a country (domestic, home jurisdiction CN) as below.
ALTER TABLE customers ADD COLUMN language VARCHAR(5) DEFAULT 'en' NOT NULL;
UPDATE customers SET language = 'zh' WHERE country IN ('CN', 'HK', 'TW', 'MO', 'SG') OR country IS NULL;
