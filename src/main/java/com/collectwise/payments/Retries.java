package com.collectwise.payments;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;

import com.collectwise.api.BusyException;
import com.collectwise.kernel.CaseEngine;

/**
 * Money of one customer is booked one request at a time (a lock on the customer's row). A request that lost a
 * race anyway (a lock wait timed out, the engine saw a concurrent change of the same case) is run again from the
 * start in a new transaction, a bounded number of times, instead of answering 500.
 */
final class Retries {

    static final int ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(Retries.class);

    private Retries() {
    }

    static <T> T onLockConflict(Supplier<T> work) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (!(e instanceof ConcurrencyFailureException) && !CaseEngine.isConcurrentChange(e)) {
                    throw e;
                }
                last = e;
                log.info("Concurrent booking on the same customer (attempt {} of {}): {}", attempt, ATTEMPTS,
                    e.getMessage());
            }
        }
        throw new BusyException("The customer's account is busy with other bookings; retry in a moment", last);
    }
}
