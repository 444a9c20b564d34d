-- A customer notice written while no channel reached the customer (no e-mail address, or one the mail server
-- refused) waits in the outbox for an address. What it owes once it really goes out is kept on the row:
-- the fee of the late-fee policy (booked the day it is sent, DOMAIN.md 6) and the contact-log entry (DOMAIN.md 1-2).
ALTER TABLE outbox ADD COLUMN fee_on_dispatch VARCHAR(20);
ALTER TABLE outbox ADD COLUMN contact_on_dispatch VARCHAR(40);
