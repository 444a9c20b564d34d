-- Issue 18 (bench/results/TUNING.md): how often the invoice's current case entered a stage, kept on the invoice
-- instead of the case variable stageEntryNumber (one runtime variable less per open case). Raised by the UPDATE that
-- sets the stage when a stage sub-process starts (cases.StageTracker), set back to 0 when a settled invoice reopens
-- (its new case counts from 0, as the variable did per process instance). The outbox keys of the notices name it.
-- Cases started before this version keep their variable, which is read first (kernel.CaseFacts.stageEntry).
ALTER TABLE invoices ADD COLUMN stage_entries INTEGER DEFAULT 0 NOT NULL;
