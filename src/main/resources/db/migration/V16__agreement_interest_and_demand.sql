-- Issue 15 item 6: instalment plans that settle the invoice.
-- Portable SQL: runs on H2 (default) and PostgreSQL (production profile).

-- A plan agreed with the interest of the plan waived (a supervisor approves it): its total is what was
-- outstanding on the day it was proposed, and the interest accrued while it was kept is waived at the end.
ALTER TABLE agreements ADD COLUMN waive_interest BOOLEAN DEFAULT FALSE NOT NULL;
-- Civil Code art. 634: the last day of the period given in the payment demand (催告), when one was sent.
ALTER TABLE agreements ADD COLUMN demand_until DATE;
