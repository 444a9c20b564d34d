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
 * start in a new transaction, a bounded number of times, instead of answering 500. Requests into a customer's cases
 * (promises, plans, disputes: {@code cases.CaseRequestService}) take the same lock and the same retries.
 */
public final class Retries {

    static final int ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(Retries.class);

    private Retries() {
    }

    /**
     * Runs {@code work} (which opens and ends its own transaction) again when it lost a race on a lock or a case.
     *
     * @throws BusyException when it lost every attempt
     */
    public static <T> T onLockConflict(Supplier<T> work) {
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
