-- The approval of an instalment plan is dated (DOMAIN.md 5, "every figure is a replay"): the case view as of a day
-- before the approval shows the plan PROPOSED and without its approver, as it stood then. Owned by agreements
-- (agreements.AgreementRepository). approved_at: when the supervisor approved it (Task_RecordAgreementDecision);
-- activated_at: when it went ACTIVE, the first time (Task_SendInstalmentSchedule; a plan that needs no approval
-- goes ACTIVE without one). Both by the business clock (the engine's).
ALTER TABLE agreements ADD COLUMN approved_at TIMESTAMP;
ALTER TABLE agreements ADD COLUMN activated_at TIMESTAMP;

-- Plans activated before this column: the activation queued the schedule's e-mail in the same transaction
-- (outbox key INSTALMENT_SCHEDULE:<id>), so its time is the activation's. Their approval time is not known (NULL:
-- the approver shows whenever the plan was running).
UPDATE agreements SET activated_at = (SELECT MIN(o.created_at) FROM outbox o
                                      WHERE o.idempotency_key = 'INSTALMENT_SCHEDULE:' || CAST(agreements.id AS VARCHAR(20)))
WHERE status IN ('ACTIVE', 'KEPT', 'ACCELERATED');
