-- Customers whose payment allocations, recorded when each payment was posted, are no longer what the replay of their
-- account splits since a rate (LPR, ECB, euro exchange rate) was entered or corrected for a date their payments
-- cover (payments.PaymentService#rateEntered): the collected figures of the reports replay their account instead of
-- reading the allocations (reporting.CollectedMoney). Rows are only added.
CREATE TABLE payment_replays (
    customer_id VARCHAR(64) PRIMARY KEY,
    marked_at   TIMESTAMP    NOT NULL
);
