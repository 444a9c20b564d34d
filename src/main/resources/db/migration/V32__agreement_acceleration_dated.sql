-- The acceleration of an instalment plan is dated (DOMAIN.md 5, "every figure is a replay"): a plan accelerated
-- (demand period over, remainder due) and later reinstated by a payment dated within the period goes back to ACTIVE
-- with no resolved time and no demand_until; the case view as of a day between the acceleration and the
-- reinstatement shows it ACCELERATED, with the demand period it had then. Owned by agreements
-- (agreements.AgreementRepository). accelerated_at: when the plan was last accelerated; reinstated_at: when that
-- acceleration was undone (NULL while it stands); reinstated_demand_until: the last day of the demand period the
-- undone acceleration followed. Both times by the business clock (the engine's). One period is kept: the newest.
ALTER TABLE agreements ADD COLUMN accelerated_at TIMESTAMP;
ALTER TABLE agreements ADD COLUMN reinstated_at TIMESTAMP;
ALTER TABLE agreements ADD COLUMN reinstated_demand_until DATE;

-- Plans accelerated before this column and still so: the acceleration is their resolved time. A plan reinstated
-- before it has no dated acceleration (NULL: it shows as it did before V32, ACTIVE throughout).
UPDATE agreements SET accelerated_at = resolved_at WHERE status = 'ACCELERATED';
