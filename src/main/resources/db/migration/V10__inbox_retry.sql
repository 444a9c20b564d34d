-- Agency reports kept in the inbox are applied later, when their case waits for one
-- (com.collectwise.handoff.AgencyReportRetry); applied_at says when that happened.
ALTER TABLE inbox ADD COLUMN applied_at TIMESTAMP;
CREATE INDEX inbox_status ON inbox (status, message_name);
