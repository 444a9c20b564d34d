-- Each rate entered for a date (LPR, ECB) or for a currency and date (euro exchange rates) gets the next entry number
-- of that date: the first 1, a correction 2, and so on (the latest entered wins, as before). The unique key lets only
-- one of two requests entering a rate for the same date at the same moment through: the other sees the winner's row
-- and is answered as the replay it is (the same rate: 200) or as a conflict (another rate: 409), never with a second
-- row (fees.ReferenceRates, fees.FxRates). Existing rows are numbered in the order they were entered.
ALTER TABLE lpr_rates ADD COLUMN entry_no INTEGER;
UPDATE lpr_rates r SET entry_no = (SELECT COUNT(*) FROM lpr_rates o
    WHERE o.effective_from = r.effective_from AND o.id <= r.id);
ALTER TABLE lpr_rates ALTER COLUMN entry_no SET NOT NULL;
CREATE UNIQUE INDEX ux_lpr_rates_entry ON lpr_rates (effective_from, entry_no);

ALTER TABLE ecb_rates ADD COLUMN entry_no INTEGER;
UPDATE ecb_rates r SET entry_no = (SELECT COUNT(*) FROM ecb_rates o
    WHERE o.effective_from = r.effective_from AND o.id <= r.id);
ALTER TABLE ecb_rates ALTER COLUMN entry_no SET NOT NULL;
CREATE UNIQUE INDEX ux_ecb_rates_entry ON ecb_rates (effective_from, entry_no);

ALTER TABLE fx_rates ADD COLUMN entry_no INTEGER;
UPDATE fx_rates r SET entry_no = (SELECT COUNT(*) FROM fx_rates o
    WHERE o.currency = r.currency AND o.effective_from = r.effective_from AND o.id <= r.id);
ALTER TABLE fx_rates ALTER COLUMN entry_no SET NOT NULL;
CREATE UNIQUE INDEX ux_fx_rates_entry ON fx_rates (currency, effective_from, entry_no);
