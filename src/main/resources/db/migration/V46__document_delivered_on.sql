-- The day a letter reached the customer (proof of delivery: a signed receipt, a tracking record). A delivered demand
-- restarts limitation from this day (Civil Code art. 195); null: recorded without a day (before V46, or the client
-- gave none), then the letter's own date counts, as before.
ALTER TABLE documents ADD COLUMN delivered_on DATE;
