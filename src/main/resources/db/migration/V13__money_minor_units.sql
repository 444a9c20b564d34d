-- Amounts have the minor unit of their currency (ISO 4217): JPY 0 decimals, CNY/EUR/USD 2, KWD/BHD/OMR 3, CLF 4.
-- NUMERIC(19,2) cut KWD 1.234 to 1.23: every money column gets four decimals (15 digits before the point, more
-- than any receivable). The application refuses more decimals than the currency has, so the extra places of a
-- EUR amount are always zero. Rates (NUMERIC(9,4)) are unchanged.
-- SET DATA TYPE keeps NOT NULL, defaults and CHECK constraints on H2 and PostgreSQL alike.
ALTER TABLE invoices ALTER COLUMN amount SET DATA TYPE NUMERIC(19,4);
ALTER TABLE payments ALTER COLUMN amount SET DATA TYPE NUMERIC(19,4);
ALTER TABLE payment_allocations ALTER COLUMN amount SET DATA TYPE NUMERIC(19,4);
ALTER TABLE contact_log ALTER COLUMN promised_amount SET DATA TYPE NUMERIC(19,4);
ALTER TABLE promises ALTER COLUMN amount SET DATA TYPE NUMERIC(19,4);
ALTER TABLE ledger_entries ALTER COLUMN amount SET DATA TYPE NUMERIC(19,4);
ALTER TABLE agreements ALTER COLUMN total SET DATA TYPE NUMERIC(19,4);
ALTER TABLE instalments ALTER COLUMN amount SET DATA TYPE NUMERIC(19,4);
ALTER TABLE disputes ALTER COLUMN amount SET DATA TYPE NUMERIC(19,4);
