package com.collectwise.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.collectwise.api.ApiTestSupport;
import com.collectwise.communication.Outbox;

/**
 * Two cases of one customer reach formal demand at the same moment (a go-live import of several overdue invoices):
 * both "Place credit hold" jobs succeed and the order system is told once. Before, the second job queued the same
 * first hold again, failed on the outbox's unique key and left its case in PRE_DUE until the retry five minutes
 * later. Shares the API tests' Spring context (the database and the beans, nothing mocked).
 */
class CreditHoldConcurrencyTest extends ApiTestSupport {

    @Autowired
    CreditHold creditHold;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void twoCasesReachingFormalDemandAtOnceQueueOneHoldAndBothSucceed() throws Exception {
        String customerId = createCustomer();
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        CountDownLatch firstPlaced = new CountDownLatch(1);
        AtomicReference<Thread> second = new AtomicReference<>();

        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> tx.execute(status -> {
            boolean placed = creditHold.place(customerId, "INV-A");
            firstPlaced.countDown();
            // commit only once the second case waits for this one (its thread is parked in the database)
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < until && (second.get() == null
                || second.get().getState() == Thread.State.RUNNABLE)) {
                Thread.onSpinWait();
            }
            return placed;
        }));
        assertThat(firstPlaced.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> secondCase = CompletableFuture.supplyAsync(() -> {
            second.set(Thread.currentThread());
            return tx.execute(status -> creditHold.place(customerId, "INV-B"));
        });

        assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(secondCase.get(30, TimeUnit.SECONDS)).as("the second case sees the first hold").isFalse();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE customer_id = ? AND kind = ?", customerId,
            Outbox.CREDIT_HOLD)).isEqualTo(1);
        assertThat(creditHold.isOnHold(customerId)).isTrue();
    }
}
