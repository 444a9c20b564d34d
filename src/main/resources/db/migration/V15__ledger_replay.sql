-- Every figure is a replay (issue 15): payments are facts with a value date; their allocations are derived by
-- replaying the customer's events in date order (money.AccountReplay). payment_allocations stays as the audit of
-- what was known when each payment was posted.

-- A bounced or recalled payment is reversed, never deleted: it counts in statements before reversed_on, not after.
ALTER TABLE payments ADD COLUMN reversed_on DATE;
ALTER TABLE payments ADD COLUMN reversal_reason VARCHAR(500);
ALTER TABLE payments ADD COLUMN reversal_hash VARCHAR(64);
-- Why money is kept unapplied for finance (unknown invoice or customer, another currency than the invoice).
ALTER TABLE payments ADD COLUMN unapplied_reason VARCHAR(300);
CREATE INDEX ix_payments_customer ON payments (customer_id, status);
