-- Dispatch bookkeeping of the outbox: when a message was claimed for sending and the last error.
ALTER TABLE outbox ADD COLUMN claimed_at TIMESTAMP;
ALTER TABLE outbox ADD COLUMN last_error VARCHAR(1000);
