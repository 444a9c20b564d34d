package com.collectwise.kernel;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work a committed transaction leaves for later (looking again at what it could not see, {@code
 * payments.PaymentService.LookAgain}), run by the entry point once its own transactions have ended: their connections
 * are back in the pool, so a request never holds two at once (many requests each holding one and waiting for a
 * second would stall the pool). Without an entry point around it, the work runs at once.
 */
public final class AfterTransaction {

    private static final ThreadLocal<Deque<Runnable>> PENDING = new ThreadLocal<>();

    private AfterTransaction() {
    }

    /** Runs the work now, or when the entry point this thread runs in has ended its transactions. */
    public static void runOrDefer(Runnable work) {
        Deque<Runnable> pending = PENDING.get();
        if (pending != null) {
            pending.add(work);
        } else {
            work.run();
        }
    }

    /**
     * Runs an entry point that opens and ends transactions of its own; what they leave for later runs when it has
     * ended (also when it failed after a transaction committed), outside any transaction. Inside a caller's
     * transaction, or inside another entry point, the work just runs.
     */
    public static <T> T around(Supplier<T> work) {
        if (PENDING.get() != null || TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        Deque<Runnable> pending = new ArrayDeque<>();
        PENDING.set(pending);
        try {
            return work.get();
        } finally {
            // the work left (and what it leaves in turn) reports its own failures
            for (Runnable next = pending.poll(); next != null; next = pending.poll()) {
                next.run();
            }
            PENDING.remove();
        }
    }
}
