package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.awaitility.Awaitility;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.collectwise.kernel.CaseVariables;

/**
 * Two (or more) requests on the same invoice or customer at the same moment, over real HTTP, several rounds each so
 * that the race is likely hit: never a 5xx, every answer one of the documented statuses (problems as RFC 7807), and
 * afterwards the books are exact whatever the order: allocations sum to the payments, the outstanding total is the
 * one computed by hand, one row per idempotency key, nothing half-written.
 */
public class ConcurrencyApiTest extends ApiTestSupport {

    /** Rounds per pair: each round is a fresh customer and invoice; enough to hit the race, few enough to stay quick. */
    static final int ROUNDS = Integer.getInteger("race.rounds", 3);
    static final String OTHER_COLLECTOR = "apiracecollector";
    /** Rounds of money arriving with its invoice or customer: the window is short, so more of them. */
    static final int ARRIVAL_ROUNDS = Integer.getInteger("race.arrivalRounds", 8);

    @Autowired
    TaskService tasks;
    @Autowired
    org.camunda.bpm.engine.HistoryService history;
    @Autowired
    DataSource dataSource;
    @Autowired
    com.collectwise.cases.ImportCaseStarter starter;

    private ExecutorService pool;

    @BeforeEach
    void threads() {
        pool = Executors.newFixedThreadPool(4);
        if (identity.createUserQuery().userId(OTHER_COLLECTOR).count() == 0) {
            User user = identity.newUser(OTHER_COLLECTOR);
            user.setFirstName("Grace");
            user.setLastName("Hopper");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(OTHER_COLLECTOR, "collectors");
        }
    }

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    public void twoDifferentPaymentsOnTheSameInvoiceAreBothBooked() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String number = createInvoice(customerId, "1000.00");
            List<Response> answers = atOnce(
                () -> post(FINANCE, "/api/payments", payment(unique("PAY"), number, null, "100.00")),
                () -> post(INTEGRATION, "/api/payments", payment(unique("PAY"), number, null, "250.00")));

            assertStatuses(answers, 201, 201);
            assertThat(outstanding(number)).isEqualByComparingTo("650.00");
            assertBooks(customerId);
        }
    }

    @Test
    public void twoPaymentsWithoutInvoiceNumberPayTheCustomersOldestInvoicesFirst() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String oldest = createInvoice(customerId, "300.00", "CNY", today().minusDays(20), today().plusDays(10));
            String middle = createInvoice(customerId, "300.00", "CNY", today().minusDays(10), today().plusDays(20));
            String newest = createInvoice(customerId, "300.00", "CNY", today().minusDays(5), today().plusDays(30));
            List<Response> answers = atOnce(
                () -> post(FINANCE, "/api/payments", payment(unique("PAY"), null, customerId, "200.00")),
                () -> post(FINANCE, "/api/payments", payment(unique("PAY"), null, customerId, "250.00")));

            assertStatuses(answers, 201, 201);
            // 450.00 in any order: the oldest paid off, 150.00 on the next, nothing on the newest
            assertThat(outstanding(oldest)).isEqualByComparingTo("0.00");
            assertThat(outstanding(middle)).isEqualByComparingTo("150.00");
            assertThat(outstanding(newest)).isEqualByComparingTo("300.00");
            assertThat(status(oldest)).isEqualTo("SETTLED");
            assertBooks(customerId);
        }
    }

    @Test
    public void theSameReferenceWithOtherContentIsBookedOnceAndTheOtherIsAConflict() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String number = createInvoice(customerId, "1000.00");
            String ref = unique("PAY");
            List<Response> answers = atOnce(
                () -> post(FINANCE, "/api/payments", payment(ref, number, null, "100.00")),
                () -> post(FINANCE, "/api/payments", payment(ref, number, null, "300.00")));

            assertStatuses(answers, 201, 409);
            assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ?", ref)).isEqualTo(1);
            BigDecimal booked = jdbc.sql("SELECT amount FROM payments WHERE payment_reference = ?").param(ref)
                .query(BigDecimal.class).single();
            BigDecimal winner = answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow().body()
                .path("amount").decimalValue();
            assertThat(booked).isEqualByComparingTo(winner);
            assertThat(outstanding(number)).isEqualByComparingTo(new BigDecimal("1000.00").subtract(booked));
            assertBooks(customerId);
        }
    }

    @Test
    public void aPaymentAndAPromiseOnTheSameInvoice() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String number = createInvoice(customerId, "1000.00");
            List<Response> answers = atOnce(
                () -> post(FINANCE, "/api/payments", payment(unique("PAY"), number, null, "100.00")),
                () -> post(COLLECTOR, "/api/invoices/" + number + "/promises", promise("200.00")));

            assertStatuses(answers, 201, 201);
            assertThat(outstanding(number)).isEqualByComparingTo("900.00");
            assertThat(count("SELECT COUNT(*) FROM promises WHERE invoice_number = ?", number)).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM contact_log WHERE invoice_number = ? AND outcome = 'PROMISE_TO_PAY'",
                number)).isEqualTo(1);
            assertBooks(customerId);
        }
    }

    @Test
    public void aPaymentThatSettlesTheInvoiceAndADisputeOnIt() {
        settlingPaymentAnd("/disputes", Map.of("category", "QUALITY", "amount", "100.00", "description", "damaged"),
            "disputes");
    }

    @Test
    public void aPaymentThatSettlesTheInvoiceAndAPromiseOnIt() {
        settlingPaymentAnd("/promises", promise("200.00"), "promises");
    }

    @Test
    public void aPaymentThatSettlesTheInvoiceAndAnAgreementOnIt() {
        settlingPaymentAnd("/agreements", plan(), "agreements");
    }

    private void settlingPaymentAnd(String path, Map<String, Object> request, String table) {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String number = createInvoice(customerId, "1000.00");
            List<Response> answers = atOnce(
                () -> post(FINANCE, "/api/payments", payment(unique("PAY"), number, null, "1000.00")),
                () -> post(INTEGRATION, "/api/invoices/" + number + path, request));

            assertAllowed(answers.get(0), 201);
            // the request that came too late finds the case closed: 409 (nothing written); in time it is taken
            assertAllowed(answers.get(1), 201, 409);
            assertThat(outstanding(number)).isEqualByComparingTo("0.00");
            assertThat(status(number)).isEqualTo("SETTLED");
            int taken = answers.get(1).status() == 201 ? 1 : 0;
            assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE invoice_number = ?", number)).isEqualTo(taken);
            assertBooks(customerId);
            runDueJobsOfCase(number);
        }
    }

    @Test
    public void twoAgreementsOnTheSameInvoice_oneIsTaken() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String number = createInvoice(customerId, "1000.00");
            List<Response> answers = atOnce(
                () -> post(INTEGRATION, "/api/invoices/" + number + "/agreements", plan()),
                () -> post(COLLECTOR, "/api/invoices/" + number + "/agreements", plan()));

            assertStatuses(answers, 201, 409);
            assertThat(count("SELECT COUNT(*) FROM agreements WHERE invoice_number = ?", number)).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM contact_log WHERE invoice_number = ? AND outcome = "
                + "'INSTALMENT_REQUESTED'", number)).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM instalments i WHERE NOT EXISTS (SELECT 1 FROM agreements a "
                + "WHERE a.id = i.agreement_id)")).isZero();
            assertThat(outstanding(number)).isEqualByComparingTo("1000.00");
        }
    }

    /**
     * Two plans of one customer proposed at the same moment on two CNY invoices, 6,000.00 and 5,000.00 (due in 30
     * days, both instalments before it: no interest). Each is under the 10,000 CNY approval limit; judged one after
     * the other under the customer's lock, the second sees the first: 11,000.00, so exactly one waits for a
     * supervisor, with 11,000.00 as the figure judged.
     */
    @Test
    public void twoPlansOfOneCustomerAtOnce_theSecondJudgedWithTheFirst() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String six = createInvoice(customerId, "6000.00");
            String five = createInvoice(customerId, "5000.00");
            List<Response> answers = atOnce(
                () -> post(INTEGRATION, "/api/invoices/" + six + "/agreements", halves("3000.00")),
                () -> post(COLLECTOR, "/api/invoices/" + five + "/agreements", halves("2500.00")));

            assertStatuses(answers, 201, 201);
            List<String> waiting = new ArrayList<>();
            for (String number : List.of(six, five)) {
                var execution = runtime.createExecutionQuery().processInstanceBusinessKey(number)
                    .activityId("Task_ApproveAgreement").singleResult();
                if (execution != null) {
                    waiting.add(number);
                    assertThat(runtime.getVariable(execution.getId(), CaseVariables.CUSTOMER_PLANS_TOTAL))
                        .isEqualTo("11000.00");
                }
            }
            assertThat(waiting).hasSize(1);
        }
    }

    private Map<String, Object> halves(String half) {
        return Map.of("instalments", List.of(
            Map.of("dueDate", today().plusDays(10).toString(), "amount", half),
            Map.of("dueDate", today().plusDays(25).toString(), "amount", half)));
    }

    @Test
    public void twoDisputesOnTheSameInvoice_eachAnswerNamesItsOwnDispute() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String number = createInvoice(customerId, "1000.00");
            List<Response> answers = atOnce(
                () -> post(INTEGRATION, "/api/invoices/" + number + "/disputes",
                    Map.of("category", "QUALITY", "amount", "100.00", "description", "first")),
                () -> post(SUPERVISOR, "/api/invoices/" + number + "/disputes",
                    Map.of("category", "PRICE", "amount", "200.00", "description", "second")));

            assertAllowed(answers.get(0), 201, 409);
            assertAllowed(answers.get(1), 201, 409);
            int taken = 0;
            for (int i = 0; i < 2; i++) {
                Response a = answers.get(i);
                if (a.status() != 201) {
                    continue;
                }
                taken++;
                long id = a.body().path("id").asLong();
                Map<String, Object> row = jdbc.sql("SELECT category, amount, description FROM disputes WHERE id = ?")
                    .param(id).query().singleRow();
                assertThat(row.get("description")).as(a.raw()).isEqualTo(i == 0 ? "first" : "second");
                assertThat(a.body().path("amount").decimalValue()).isEqualByComparingTo(i == 0 ? "100.00" : "200.00");
            }
            assertThat(taken).isPositive();
            assertThat(count("SELECT COUNT(*) FROM disputes WHERE invoice_number = ?", number)).isEqualTo(taken);
            assertThat(count("SELECT COUNT(*) FROM contact_log WHERE invoice_number = ? AND outcome = 'DISPUTED'",
                number)).isEqualTo(taken);
            assertThat(outstanding(number)).isEqualByComparingTo("1000.00");
        }
    }

    /**
     * The contract has no idempotency key for a dispute: an open dispute with the same category, amount and description
     * is the same complaint sent again (a client retrying after a lost answer), answered 200 with it; before, each post
     * raised one more (201 twice: the amount counted twice as disputed, two Process_Dispute, two contact entries).
     */
    @Test
    public void theSameDisputeSentAgainOrTwiceAtOnceIsRaisedOnce() {
        String customerId = createCustomer();
        String number = createInvoice(customerId, "1000.00");
        Map<String, Object> dispute = Map.of("category", "QUALITY", "amount", "1000.00", "description", "leaking");
        Response first = post(INTEGRATION, "/api/invoices/" + number + "/disputes", dispute);
        Response again = post(INTEGRATION, "/api/invoices/" + number + "/disputes", dispute);
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        // the whole amount is disputed now: the replay is answered before the amount is judged against it
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().path("id").asLong()).isEqualTo(first.body().path("id").asLong());
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(count("SELECT COUNT(*) FROM disputes WHERE invoice_number = ?", number)).isEqualTo(1);
        // another description is another complaint: judged as one (nothing undisputed is left)
        Response other = post(INTEGRATION, "/api/invoices/" + number + "/disputes",
            Map.of("category", "QUALITY", "amount", "1000.00", "description", "rusty"));
        assertProblem(other, 400);

        for (int round = 0; round < ROUNDS; round++) {
            String n = createInvoice(customerId, "1000.00");
            Map<String, Object> same = Map.of("category", "PRICE", "amount", "100.00", "description", "round " + round);
            List<Response> answers = atOnce(
                () -> post(INTEGRATION, "/api/invoices/" + n + "/disputes", same),
                () -> post(INTEGRATION, "/api/invoices/" + n + "/disputes", same));
            assertStatuses(answers, 201, 200);
            assertThat(answers.get(0).body().path("id").asLong()).isEqualTo(answers.get(1).body().path("id").asLong());
            assertThat(count("SELECT COUNT(*) FROM disputes WHERE invoice_number = ?", n)).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM contact_log WHERE invoice_number = ? AND outcome = 'DISPUTED'", n))
                .isEqualTo(1);
            assertThat(outstanding(n)).isEqualByComparingTo("1000.00");
        }
    }

    /** The same promise posted twice at once (a client's retry racing its first try): one promise, one 201, one 200. */
    @Test
    public void theSamePromiseTwiceAtOnceIsMadeOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            String number = createInvoice(createCustomer(), "1000.00");
            List<Response> answers = atOnce(
                () -> post(COLLECTOR, "/api/invoices/" + number + "/promises", promise("200.00")),
                () -> post(INTEGRATION, "/api/invoices/" + number + "/promises", promise("200.00")));
            assertStatuses(answers, 201, 200);
            assertThat(answers.get(0).body().path("id").asLong()).isEqualTo(answers.get(1).body().path("id").asLong());
            assertThat(count("SELECT COUNT(*) FROM promises WHERE invoice_number = ?", number)).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM contact_log WHERE invoice_number = ? AND outcome = 'PROMISE_TO_PAY'",
                number)).isEqualTo(1);
        }
    }

    @Test
    public void aCollectorChangeAndAPaymentOfTheSameCustomer() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            // three days overdue: the case waits at the call, assigned to the customer's collector
            String number = createInvoice(customerId, "10000.00", "CNY", today().minusDays(40), today().minusDays(3));
            runDueJobsOfCase(number);
            BigDecimal before = outstanding(number);
            List<Response> answers = atOnce(
                () -> exchange(SUPERVISOR, HttpMethod.PATCH, "/api/customers/" + customerId,
                    Map.of("collector", OTHER_COLLECTOR), MediaType.APPLICATION_JSON),
                () -> post(FINANCE, "/api/payments", payment(unique("PAY"), number, null, "1000.00")));

            assertAllowed(answers.get(0), 200);
            assertAllowed(answers.get(1), 201);
            assertThat(outstanding(number)).isEqualByComparingTo(before.subtract(new BigDecimal("1000.00")));
            assertThat(jdbc.sql("SELECT collector FROM customers WHERE customer_id = ?").param(customerId)
                .query(String.class).single()).isEqualTo(OTHER_COLLECTOR);
            assertThat(count("SELECT COUNT(*) FROM customer_changes WHERE customer_id = ?", customerId)).isEqualTo(1);
            assertThat(tasks.createTaskQuery().processInstanceBusinessKey(number).taskAssignee(COLLECTOR).count())
                .isZero();
            assertBooks(customerId);
        }
    }

    /**
     * A PATCH of the customer (new owner, new e-mail) and the registration of its invoice (3 days overdue: a call for
     * the owner) at the same moment: 200 and 201, and whichever came first the new case belongs to the new owner (its
     * variable and its call), one change row per field.
     */
    @Test
    public void aCustomerPatchAndTheRegistrationOfItsInvoiceAtOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String number = unique("INV");
            Map<String, Object> invoice = new HashMap<>(invoice(number, customerId, "4000.00"));
            invoice.put("issueDate", today().minusDays(33).toString());
            invoice.put("dueDate", today().minusDays(3).toString());
            List<Response> answers = atOnce(
                () -> exchange(SUPERVISOR, HttpMethod.PATCH, "/api/customers/" + customerId,
                    Map.of("collector", OTHER_COLLECTOR, "email", "ap-" + customerId.toLowerCase() + "@acme.example"),
                    MediaType.APPLICATION_JSON),
                () -> post(INTEGRATION, "/api/invoices", invoice));

            assertStatuses(answers, 200, 201);
            runDueJobsOfCase(number);
            var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number)
                .processDefinitionKey(CaseVariables.PROCESS_COLLECTION).singleResult();
            assertThat(runtime.getVariable(instance.getId(), CaseVariables.COLLECTOR)).isEqualTo(OTHER_COLLECTOR);
            assertThat(get(FINANCE, "/api/invoices/" + number).body().path("collector").asText())
                .isEqualTo(OTHER_COLLECTOR);
            assertThat(tasks.createTaskQuery().processInstanceBusinessKey(number).taskAssignee(COLLECTOR).count())
                .isZero();
            assertThat(tasks.createTaskQuery().processInstanceBusinessKey(number)
                .taskDefinitionKey(CaseVariables.TASK_CALL_CUSTOMER).taskAssignee(OTHER_COLLECTOR).count())
                .isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM customer_changes WHERE customer_id = ?", customerId)).isEqualTo(2);
            assertThat(outstanding(number)).isGreaterThanOrEqualTo(new BigDecimal("4000.00"));
        }
    }

    /**
     * Two payments of one customer on two of its invoices at the same moment (A 1,000.00 and B 600.00 not yet due:
     * no interest): 300.00 on A and 600.00 on B. Both 201; A owes 700.00, B is settled; the books are exact.
     */
    @Test
    public void twoPaymentsOfOneCustomerOnDifferentInvoicesAtOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String a = createInvoice(customerId, "1000.00");
            String b = createInvoice(customerId, "600.00");
            List<Response> answers = atOnce(
                () -> post(FINANCE, "/api/payments", payment(unique("PAY"), a, null, "300.00")),
                () -> post(INTEGRATION, "/api/payments", payment(unique("PAY"), b, null, "600.00")));

            assertStatuses(answers, 201, 201);
            runDueJobsOfCase(b);
            assertThat(outstanding(a)).isEqualByComparingTo("700.00");
            assertThat(outstanding(b)).isEqualByComparingTo("0.00");
            assertThat(status(b)).isEqualTo("SETTLED");
            assertThat(caseRunning(b)).isFalse();
            assertBooks(customerId);
        }
    }

    @Test
    public void theSameInvoicePostedTwiceAtOnceIsRegisteredOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String number = unique("INV");
            Map<String, Object> invoice = Map.of("invoiceNumber", number, "customerId", customerId,
                "issueDate", today().minusDays(30).toString(), "dueDate", today().plusDays(30).toString(),
                "amount", "1000.00", "currency", "CNY");
            List<Response> answers = atOnce(
                () -> post(INTEGRATION, "/api/invoices", invoice),
                () -> post(INTEGRATION, "/api/invoices", invoice));

            assertThat(answers.stream().filter(a -> a.status() == 201)).hasSize(1);
            answers.forEach(a -> assertAllowed(a, 201, 200, 409));
            assertThat(count("SELECT COUNT(*) FROM invoices WHERE invoice_number = ?", number)).isEqualTo(1);
            assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_COLLECTION)
                .processInstanceBusinessKey(number).count()).isEqualTo(1);
            assertThat(outstanding(number)).isEqualByComparingTo("1000.00");
        }
    }

    @Test
    public void aCreditNoteAndAPaymentOnTheSameInvoice() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String number = createInvoice(customerId, "1000.00");
            String note = unique("CN");
            List<Response> answers = atOnce(
                () -> post(FINANCE, "/api/invoices/" + number + "/credit-notes", Map.of("creditNoteNumber", note,
                    "amount", "300.00", "issuedOn", today().toString(), "reason", "goods returned")),
                () -> post(FINANCE, "/api/payments", payment(unique("PAY"), number, null, "200.00")));

            assertStatuses(answers, 201, 201);
            assertThat(outstanding(number)).isEqualByComparingTo("500.00");
            assertThat(count("SELECT COUNT(*) FROM ledger_entries WHERE invoice_number = ? AND entry_type = 'CREDIT_NOTE'",
                number)).isEqualTo(1);
            assertBooks(customerId);
        }
    }

    /** The same credit note sent twice at once (a retry): booked once, one 201 and one 200, 1000.00 - 300.00 owed. */
    @Test
    public void theSameCreditNoteTwiceAtOnceIsBookedOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String number = createInvoice(customerId, "1000.00");
            Map<String, Object> note = Map.of("creditNoteNumber", unique("CN"), "amount", "300.00", "issuedOn",
                today().toString(), "reason", "goods returned");
            List<Response> answers = atOnce(
                () -> post(FINANCE, "/api/invoices/" + number + "/credit-notes", note),
                () -> post(INTEGRATION, "/api/invoices/" + number + "/credit-notes", note));

            assertStatuses(answers, 201, 200);
            assertThat(outstanding(number)).isEqualByComparingTo("700.00");
            assertThat(count("SELECT COUNT(*) FROM ledger_entries WHERE invoice_number = ? AND entry_type = 'CREDIT_NOTE'",
                number)).isEqualTo(1);
            assertBooks(customerId);
        }
    }

    /**
     * One credit note number with two contents at once: one is booked (201), the other is a conflict (409), never a
     * 5xx; the invoice owes 1000.00 less the one booked (300.00 or 400.00).
     */
    @Test
    public void oneCreditNoteNumberWithTwoContentsAtOnce_oneIsBookedTheOtherIsAConflict() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String number = createInvoice(customerId, "1000.00");
            String note = unique("CN");
            List<Response> answers = atOnce(
                () -> post(FINANCE, "/api/invoices/" + number + "/credit-notes", Map.of("creditNoteNumber", note,
                    "amount", "300.00", "issuedOn", today().toString(), "reason", "goods returned")),
                () -> post(FINANCE, "/api/invoices/" + number + "/credit-notes", Map.of("creditNoteNumber", note,
                    "amount", "400.00", "issuedOn", today().toString(), "reason", "goods returned")));

            assertStatuses(answers, 201, 409);
            String booked = answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow().body()
                .path("amount").decimalValue().toPlainString();
            assertThat(outstanding(number)).isEqualByComparingTo(new BigDecimal("1000.00").subtract(new BigDecimal(booked)));
            assertThat(count("SELECT COUNT(*) FROM ledger_entries WHERE invoice_number = ? AND entry_type = 'CREDIT_NOTE'",
                number)).isEqualTo(1);
            assertBooks(customerId);
        }
    }

    /**
     * A credit note of 600.00 and a payment of 500.00 on a 1000.00 invoice at once: whichever comes first, the invoice
     * is 400.00 after the note, the 500.00 pays it and 100.00 is the customer's credit; the invoice is settled.
     */
    @Test
    public void aCreditNoteAndAPaymentThatTogetherPayMoreThanTheInvoice_theRestIsCredit() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String number = createInvoice(customerId, "1000.00");
            List<Response> answers = atOnce(
                () -> post(FINANCE, "/api/invoices/" + number + "/credit-notes", Map.of("creditNoteNumber",
                    unique("CN"), "amount", "600.00", "issuedOn", today().toString(), "reason", "goods returned")),
                () -> post(FINANCE, "/api/payments", payment(unique("PAY"), number, null, "500.00")));

            assertStatuses(answers, 201, 201);
            assertThat(outstanding(number)).isEqualByComparingTo("0.00");
            assertThat(status(number)).isEqualTo("SETTLED");
            assertThat(get(COLLECTOR, "/api/customers/" + customerId).body().path("credit").path("CNY").decimalValue())
                .isEqualByComparingTo("100.00");
            com.fasterxml.jackson.databind.JsonNode statement = get(FINANCE, "/api/customers/" + customerId
                + "/statement").body();
            assertThat(statement.path("invoices").size()).isZero();
            assertThat(statement.path("totals").get(0).path("credit").decimalValue()).isEqualByComparingTo("100.00");
        }
    }

    @Test
    public void aReversalAndAnotherPaymentOnTheSameInvoice() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String number = createInvoice(customerId, "1000.00");
            String bounced = unique("PAY");
            assertThat(post(FINANCE, "/api/payments", payment(bounced, number, null, "300.00")).status()).isEqualTo(201);
            List<Response> answers = atOnce(
                () -> post(FINANCE, "/api/payments/" + bounced + "/reversal",
                    Map.of("reversedOn", today().toString(), "reason", "bounced")),
                () -> post(FINANCE, "/api/payments", payment(unique("PAY"), number, null, "200.00")));

            assertStatuses(answers, 200, 201);
            assertThat(outstanding(number)).isEqualByComparingTo("800.00");
            assertBooks(customerId);
        }
    }


    // --- money and its invoice or customer arriving at the same moment ---------------------------------------------

    /**
     * The payment (400.00 for an invoice not known yet) looks the invoice up before the invoice's registration
     * commits, and commits only after the registration looked for money waiting for the invoice: neither saw the
     * other. Held here by a row under the same reference that another transaction has not committed (the payment's
     * insert waits for it). Afterwards the money must be the invoice's: 1,000.00 - 400.00 = 600.00 owed, applied once.
     */
    @Test
    public void aPaymentKeptWhileItsInvoiceIsBeingRegisteredIsAppliedOnce() throws Exception {
        String customerId = createCustomer();
        String number = unique("INV");
        String ref = unique("PAY");
        Response paid;
        Response registered;
        try (Connection holder = dataSource.getConnection()) {
            holdReference(holder, ref);
            Future<Response> paying = pool.submit(() -> post(FINANCE, "/api/payments",
                payment(ref, number, null, "400.00")));
            awaitOneWaitingForALock();
            registered = post(INTEGRATION, "/api/invoices", invoice(number, customerId, "1000.00"));
            holder.rollback();
            paid = paying.get(60, TimeUnit.SECONDS);
        }

        assertAllowed(registered, 201);
        assertAllowed(paid, 201, 202);
        assertAppliedOnce(ref, customerId, "400.00");
        assertThat(outstanding(number)).isEqualByComparingTo("600.00");
        assertStatement(customerId, "600.00");
        assertBooks(customerId);
    }

    /**
     * The payment (400.00 for the invoice) is posted and answered while the invoice's registration runs: its case has
     * started (the registration has read the customer's payments and the money waiting for the invoice, none), its
     * transaction has not committed. The payment cannot see the invoice, keeps the money and looks again before the
     * registration commits, finding no invoice; so only the registration's look again, once it has committed, can
     * apply it (bench/results/TUNING.md, row 43). Afterwards: applied once, 1,000.00 - 400.00 = 600.00 owed.
     */
    @Test
    public void aPaymentAnsweredWhileItsInvoiceIsBeingRegisteredIsAppliedByTheRegistrationOnceCommitted() {
        String customerId = createCustomer();
        String number = unique("INV");
        String ref = unique("PAY");
        AtomicReference<Response> paid = new AtomicReference<>();
        doAnswer(call -> {
            Object id = call.callRealMethod();
            if (paid.get() == null) {
                paid.set(pool.submit(() -> post(FINANCE, "/api/payments", payment(ref, number, null, "400.00")))
                    .get(60, TimeUnit.SECONDS));
            }
            return id;
        }).when(caseEngine).start(any(), any());

        Response registered = post(INTEGRATION, "/api/invoices", invoice(number, customerId, "1000.00"));

        assertAllowed(registered, 201);
        assertAllowed(paid.get(), 202);
        assertAppliedOnce(ref, customerId, "400.00");
        assertThat(outstanding(number)).isEqualByComparingTo("600.00");
        assertStatement(customerId, "600.00");
        assertBooks(customerId);
    }

    /**
     * As above, for money naming only the customer (400.00), who has no money yet: posted while the customer's new
     * invoice (400.00) is being registered, its case started. On H2 the payment is answered before the registration
     * commits: it cannot see the invoice and becomes credit, its look again counts no new invoice; only the
     * registration's look again, once committed, finds the customer's money and reconciles: the invoice owes nothing
     * and is settled. On PostgreSQL the payment waits for the customer's row (the invoice's foreign key holds it until
     * the registration commits) and then sees the invoice itself. Either way: applied once, settled, no credit left.
     */
    @Test
    public void aCustomersPaymentWhileItsInvoiceIsBeingRegisteredPaysTheInvoiceOnceCommitted() throws Exception {
        String customerId = createCustomer();
        String number = unique("INV");
        String ref = unique("PAY");
        AtomicReference<Future<Response>> paying = new AtomicReference<>();
        doAnswer(call -> {
            Object id = call.callRealMethod();
            if (paying.get() == null) {
                Future<Response> payment = pool.submit(() -> post(FINANCE, "/api/payments",
                    payment(ref, null, customerId, "400.00")));
                paying.set(payment);
                // answered, or waiting for a row this registration holds
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> payment.isDone() || waitingForALock());
            }
            return id;
        }).when(caseEngine).start(any(), any());

        Response registered = post(INTEGRATION, "/api/invoices", invoice(number, customerId, "400.00"));

        assertAllowed(registered, 201);
        assertAllowed(paying.get().get(60, TimeUnit.SECONDS), 201);
        assertAppliedOnce(ref, customerId, "400.00");
        assertThat(outstanding(number)).isEqualByComparingTo("0.00");
        assertThat(status(number)).isEqualTo("SETTLED");
        assertThat(credit(customerId)).isEqualByComparingTo("0.00");
        runDueJobsOfCase(number);
        assertThat(caseRunning(number)).isFalse();
    }

    /** As above, for money naming only a customer the ERP has not sent yet: it becomes the customer's credit. */
    @Test
    public void aPaymentKeptWhileItsCustomerIsBeingRegisteredBecomesItsCredit() throws Exception {
        String customerId = unique("C");
        String ref = unique("PAY");
        Response paid;
        Response registered;
        try (Connection holder = dataSource.getConnection()) {
            holdReference(holder, ref);
            Future<Response> paying = pool.submit(() -> post(FINANCE, "/api/payments",
                payment(ref, null, customerId, "400.00")));
            awaitOneWaitingForALock();
            registered = post(INTEGRATION, "/api/customers", customer(customerId));
            holder.rollback();
            paid = paying.get(60, TimeUnit.SECONDS);
        }

        assertAllowed(registered, 201);
        assertAllowed(paid, 201, 202);
        assertAppliedOnce(ref, customerId, "400.00");
        assertThat(credit(customerId)).isEqualByComparingTo("400.00");
        assertBooks(customerId);
        // the credit pays the customer's next invoice: 1,000.00 - 400.00 (the allocation rows keep the credit as
        // booked, so assertBooks, which sums them per invoice, is not asked again)
        String number = createInvoice(customerId, "1000.00");
        assertThat(outstanding(number)).isEqualByComparingTo("600.00");
    }

    /**
     * An invoice (1,000.00) and a payment for it (400.00) posted at the same moment, the payment released when the
     * invoice's case has started (the end of the registration's transaction): whatever the order of their commits,
     * the payment is the invoice's, applied once, 600.00 owed, never a 5xx.
     */
    @Test
    public void anInvoiceAndItsPaymentPostedAtTheSameMomentAreBookedOnce() {
        AtomicReference<CountDownLatch> caseStarted = gateOnCaseStart();
        for (int round = 0; round < ARRIVAL_ROUNDS; round++) {
            CountDownLatch started = new CountDownLatch(1);
            caseStarted.set(started);
            String customerId = createCustomer();
            String number = unique("INV");
            String ref = unique("PAY");
            List<Response> answers = atOnce(
                () -> post(INTEGRATION, "/api/invoices", invoice(number, customerId, "1000.00")),
                () -> {
                    started.await(30, TimeUnit.SECONDS);
                    return post(FINANCE, "/api/payments", payment(ref, number, null, "400.00"));
                });

            assertAllowed(answers.get(0), 201);
            assertAllowed(answers.get(1), 201, 202);
            assertAppliedOnce(ref, customerId, "400.00");
            assertThat(outstanding(number)).isEqualByComparingTo("600.00");
            assertStatement(customerId, "600.00");
            assertBooks(customerId);
        }
    }

    /** A customer's registration and money naming only that customer, at the same moment: its credit, once. */
    @Test
    public void aCustomerAndItsPaymentPostedAtTheSameMomentAreBookedOnce() {
        for (int round = 0; round < ARRIVAL_ROUNDS; round++) {
            String customerId = unique("C");
            String ref = unique("PAY");
            List<Response> answers = atOnce(
                () -> post(INTEGRATION, "/api/customers", customer(customerId)),
                () -> post(FINANCE, "/api/payments", payment(ref, null, customerId, "400.00")));

            assertAllowed(answers.get(0), 201);
            assertAllowed(answers.get(1), 201, 202);
            assertAppliedOnce(ref, customerId, "400.00");
            assertThat(credit(customerId)).isEqualByComparingTo("400.00");
            assertBooks(customerId);
        }
    }

    /**
     * A payment (400.00 on 1,000.00) and its reversal posted at the same moment: the reversal finds the payment (200,
     * 1,000.00 owed again) or does not yet (404, 600.00 owed); never both half-done.
     */
    @Test
    public void aPaymentAndItsReversalAtOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String number = createInvoice(customerId, "1000.00");
            String ref = unique("PAY");
            List<Response> answers = atOnce(
                () -> post(FINANCE, "/api/payments", payment(ref, number, null, "400.00")),
                () -> post(FINANCE, "/api/payments/" + ref + "/reversal",
                    Map.of("reversedOn", today().toString(), "reason", "bounced")));

            assertAllowed(answers.get(0), 201);
            assertAllowed(answers.get(1), 200, 404);
            boolean reversed = answers.get(1).status() == 200;
            assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ? AND reversed_on IS NOT NULL",
                ref)).isEqualTo(reversed ? 1 : 0);
            assertThat(outstanding(number)).isEqualByComparingTo(reversed ? "1000.00" : "600.00");
            assertBooks(customerId);
        }
    }

    /**
     * Money kept for an invoice not known yet (1,000.00, all of it), its reversal and the invoice's registration at
     * the same moment: applied or not, the money is reversed, so the invoice owes 1,000.00 and is open (a case the
     * money settled is reopened), never settled while owing.
     */
    @Test
    public void keptMoneyItsReversalAndItsInvoiceAtOnce() {
        AtomicReference<CountDownLatch> caseStarted = gateOnCaseStart();
        for (int round = 0; round < ARRIVAL_ROUNDS; round++) {
            CountDownLatch started = new CountDownLatch(1);
            caseStarted.set(started);
            String customerId = createCustomer();
            String number = unique("INV");
            String ref = unique("PAY");
            assertThat(post(FINANCE, "/api/payments", payment(ref, number, null, "1000.00")).status()).isEqualTo(202);
            List<Response> answers = atOnce(
                () -> post(INTEGRATION, "/api/invoices", invoice(number, customerId, "1000.00")),
                () -> {
                    started.await(30, TimeUnit.SECONDS);
                    return post(FINANCE, "/api/payments/" + ref + "/reversal",
                        Map.of("reversedOn", today().toString(), "reason", "recalled"));
                });

            assertAllowed(answers.get(0), 201);
            assertAllowed(answers.get(1), 200);
            assertThat(outstanding(number)).isEqualByComparingTo("1000.00");
            assertThat(status(number)).isEqualTo("OPEN");
            assertBooks(customerId);
        }
    }

    /** Kept money (400.00), two replays of it and its invoice's registration at once: applied once, 600.00 owed. */
    @Test
    public void twoReplaysOfKeptMoneyAndItsInvoiceAtOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String number = unique("INV");
            String ref = unique("PAY");
            assertThat(post(FINANCE, "/api/payments", payment(ref, number, null, "400.00")).status()).isEqualTo(202);
            List<Response> answers = atOnce(
                () -> post(INTEGRATION, "/api/invoices", invoice(number, customerId, "1000.00")),
                () -> post(FINANCE, "/api/payments", payment(ref, number, null, "400.00")),
                () -> post(INTEGRATION, "/api/payments", payment(ref, number, customerId, "400.00")));

            assertAllowed(answers.get(0), 201);
            assertAllowed(answers.get(1), 200);
            assertAllowed(answers.get(2), 200);
            assertAppliedOnce(ref, customerId, "400.00");
            assertThat(outstanding(number)).isEqualByComparingTo("600.00");
            assertBooks(customerId);
        }
    }

    /** A credit note (600.00) and a payment (400.00) that together settle 1,000.00, at once: settled, 0.00. */
    @Test
    public void aCreditNoteAndAPaymentThatTogetherSettleTheInvoice() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String number = createInvoice(customerId, "1000.00");
            List<Response> answers = atOnce(
                () -> post(FINANCE, "/api/invoices/" + number + "/credit-notes", Map.of("creditNoteNumber",
                    unique("CN"), "amount", "600.00", "issuedOn", today().toString(), "reason", "goods returned")),
                () -> post(FINANCE, "/api/payments", payment(unique("PAY"), number, null, "400.00")));

            assertStatuses(answers, 201, 201);
            assertThat(outstanding(number)).isEqualByComparingTo("0.00");
            assertThat(status(number)).isEqualTo("SETTLED");
            assertBooks(customerId);
            runDueJobsOfCase(number);
        }
    }

    /**
     * Money naming only the customer (400.00) and the customer's first invoice (400.00) at the same moment, the
     * payment released when the invoice's case has started: the money pays the invoice whatever the order, so it
     * owes nothing and is settled (never open and dunned for money it was paid).
     */
    @Test
    public void aCustomersMoneyAndItsNewInvoiceAtOnce() {
        AtomicReference<CountDownLatch> caseStarted = gateOnCaseStart();
        for (int round = 0; round < ARRIVAL_ROUNDS; round++) {
            CountDownLatch started = new CountDownLatch(1);
            caseStarted.set(started);
            String customerId = createCustomer();
            String number = unique("INV");
            List<Response> answers = atOnce(
                () -> post(INTEGRATION, "/api/invoices", invoice(number, customerId, "400.00")),
                () -> {
                    started.await(30, TimeUnit.SECONDS);
                    return post(FINANCE, "/api/payments", payment(unique("PAY"), null, customerId, "400.00"));
                });

            assertAllowed(answers.get(0), 201);
            assertAllowed(answers.get(1), 201);
            assertThat(outstanding(number)).isEqualByComparingTo("0.00");
            assertThat(status(number)).isEqualTo("SETTLED");
            assertThat(credit(customerId)).isEqualByComparingTo("0.00");
            runDueJobsOfCase(number);
            assertThat(caseRunning(number)).isFalse();
        }
    }

    /**
     * The customer's credit (400.00) reversed while the customer's next invoice (400.00) is registered: whether the
     * credit paid the invoice first or not, it no longer counts, so the invoice owes 400.00 and is open.
     */
    @Test
    public void theReversalOfACustomersCreditAndItsNewInvoiceAtOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            String customerId = createCustomer();
            String ref = unique("PAY");
            assertThat(post(FINANCE, "/api/payments", payment(ref, null, customerId, "400.00")).status())
                .isEqualTo(201);
            String number = unique("INV");
            List<Response> answers = atOnce(
                () -> post(INTEGRATION, "/api/invoices", invoice(number, customerId, "400.00")),
                () -> post(FINANCE, "/api/payments/" + ref + "/reversal",
                    Map.of("reversedOn", today().toString(), "reason", "bounced")));

            assertAllowed(answers.get(0), 201);
            assertAllowed(answers.get(1), 200);
            assertThat(outstanding(number)).isEqualByComparingTo("400.00");
            assertThat(status(number)).isEqualTo("OPEN");
        }
    }

    /**
     * Two CSV imports that hold invoices of the same two customers in opposite order, a payment of the first customer
     * and a registration for the second, all at once: the imports took each customer's lock in file order, so one
     * held A and waited for B while the other held B and waited for A (a deadlock: 503, or a lock timeout). Every
     * request goes through now; the customer's 150.00 credit (paid before) is used once, on its oldest invoice.
     * B's 300.00 invoice registered beside the files is left alone.
     * A: credit 150.00, then 100.00 paid without invoice number; invoices 200.00 (due in 10 days), 200.00 (20 days):
     * 250.00 paid off the first and 50.00 of the second, so 0.00 and 150.00 owed, whatever the order.
     */
    @Test
    public void twoImportsOfTheSameCustomersInOppositeOrderAPaymentAndARegistrationAtOnce() {
        for (int round = 0; round < ROUNDS; round++) {
            String a = createCustomer();
            String b = createCustomer();
            assertThat(post(FINANCE, "/api/payments", payment(unique("PAY"), null, a, "150.00")).status())
                .isEqualTo(201);
            String a1 = unique("IMP");
            String b1 = unique("IMP");
            String b2 = unique("IMP");
            String a2 = unique("IMP");
            String b3 = unique("INV");
            String header = "invoiceNumber,customerId,issueDate,dueDate,amount,currency\n";
            String first = header + importLine(a1, a, 10) + importLine(b1, b, 10);
            String second = header + importLine(b2, b, 20) + importLine(a2, a, 20);
            List<Response> answers = atOnce(
                () -> postCsv(INTEGRATION, "/api/invoices/import", first),
                () -> postCsv(INTEGRATION, "/api/invoices/import", second),
                () -> post(FINANCE, "/api/payments", payment(unique("PAY"), null, a, "100.00")),
                () -> post(INTEGRATION, "/api/invoices", invoice(b3, b, "300.00")));

            assertAllowed(answers.get(0), 200);
            assertAllowed(answers.get(1), 200);
            assertAllowed(answers.get(2), 201);
            assertAllowed(answers.get(3), 201);
            assertThat(outstanding(a1)).isEqualByComparingTo("0.00");
            assertThat(outstanding(a2)).isEqualByComparingTo("150.00");
            assertThat(outstanding(b1)).isEqualByComparingTo("200.00");
            assertThat(outstanding(b2)).isEqualByComparingTo("200.00");
            assertThat(outstanding(b3)).isEqualByComparingTo("300.00");
            assertThat(credit(a)).isEqualByComparingTo("0.00");
            // not assertBooks(a): which invoice A's allocation rows name follows which file committed first, the
            // figures above are the replay (oldest due date first) whatever the order
            assertBooks(b);
        }
    }

    /**
     * A large import (four invoices of customer A, 200.00 each, started two per batch in the background) whose cases
     * start while A pays 500.00 without an invoice number and A's next invoice is registered: the batch locked its
     * invoices and then, telling their registration, A; the payment held A and paid A's open invoices. No 5xx, and
     * the 500.00 is applied exactly once whatever the order: 800.00 + 100.00 issued, 400.00 owed in all.
     */
    @Test
    public void theCasesOfALargeImportStartWhileItsCustomerPaysAndRegistersAnInvoice() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String a = createCustomer();
            StringBuilder csv = new StringBuilder("invoiceNumber,customerId,issueDate,dueDate,amount,currency\n");
            List<String> imported = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String number = unique("BIG");
                imported.add(number);
                csv.append(importLine(number, a, 10 + i));
            }
            Response stored = postCsv(INTEGRATION, "/api/invoices/import", csv.toString());
            assertThat(stored.status()).as(stored.raw()).isEqualTo(200);
            String next = unique("INV");
            List<Response> answers = atOnce(
                () -> new Response(org.springframework.http.ResponseEntity.ok(String.valueOf(starter.startPending())),
                    null),
                () -> post(FINANCE, "/api/payments", payment(unique("PAY"), null, a, "500.00")),
                () -> post(INTEGRATION, "/api/invoices", invoice(next, a, "100.00")));

            assertAllowed(answers.get(1), 201);
            assertAllowed(answers.get(2), 201);
            starter.startPending();
            // every imported invoice had its case started exactly once; the ones the 500.00 paid in full may have
            // ended already (whether the payment came before or after their case started is the race), the others run
            BigDecimal owed = BigDecimal.ZERO;
            for (String number : imported) {
                assertThat(history.createHistoricProcessInstanceQuery()
                    .processDefinitionKey(com.collectwise.kernel.CaseVariables.PROCESS_COLLECTION)
                    .processInstanceBusinessKey(number).count()).as(number).isEqualTo(1);
                BigDecimal left = outstanding(number);
                if (left.signum() > 0) {
                    assertThat(caseRunning(number)).as(number).isTrue();
                }
                owed = owed.add(left);
            }
            owed = owed.add(outstanding(next));
            assertThat(owed).isEqualByComparingTo("400.00");
            assertThat(credit(a)).isEqualByComparingTo("0.00");
            assertBooks(a);
        }
    }

    private String importLine(String number, String customerId, int dueInDays) {
        return number + "," + customerId + "," + today().minusDays(20) + "," + today().plusDays(dueInDays)
            + ",200.00,CNY\n";
    }

    /**
     * From now on in this test, every case start counts down the latch the reference holds then, once the case has
     * started (the end of the registration's transaction is near): a call waiting on it comes at the same moment.
     */
    private AtomicReference<CountDownLatch> gateOnCaseStart() {
        AtomicReference<CountDownLatch> caseStarted = new AtomicReference<>(new CountDownLatch(1));
        doAnswer(call -> {
            Object id = call.callRealMethod();
            caseStarted.get().countDown();
            return id;
        }).when(caseEngine).start(any(), any());
        return caseStarted;
    }

    /** Exactly one row under the reference, applied to the customer, split once into exactly its amount. */
    private void assertAppliedOnce(String ref, String customerId, String amount) {
        Map<String, Object> row = jdbc.sql("SELECT status, customer_id, reversed_on FROM payments "
            + "WHERE payment_reference = ?").param(ref).query().singleRow();
        assertThat(row.get("status")).as("status of " + ref).isEqualTo("APPLIED");
        assertThat(row.get("customer_id")).isEqualTo(customerId);
        assertThat(jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM payment_allocations WHERE payment_reference = ?")
            .param(ref).query(BigDecimal.class).single()).as("allocations of " + ref).isEqualByComparingTo(amount);
        assertThat(count("SELECT COUNT(*) FROM payments WHERE customer_id = ? AND status = 'UNAPPLIED'", customerId))
            .isZero();
    }

    private void assertStatement(String customerId, String total) {
        Response statement = get(FINANCE, "/api/customers/" + customerId + "/statement");
        assertThat(statement.status()).as(statement.raw()).isEqualTo(200);
        assertThat(statement.body().path("totals").get(0).path("total").decimalValue()).as(statement.raw())
            .isEqualByComparingTo(total);
    }

    private BigDecimal credit(String customerId) {
        Response file = get(FINANCE, "/api/customers/" + customerId);
        assertThat(file.status()).as(file.raw()).isEqualTo(200);
        return file.body().path("credit").path("CNY").decimalValue();
    }

    /**
     * An uncommitted row under the reference, in a transaction of the holder's own: a payment posted under it waits
     * at its insert (after it looked up its invoice or customer) until the holder rolls back.
     */
    private static void holdReference(Connection holder, String reference) throws SQLException {
        holder.setAutoCommit(false);
        try (PreparedStatement insert = holder.prepareStatement("""
                INSERT INTO payments (payment_reference, amount, currency, received_on, method, body_hash, status,
                                      created_at)
                VALUES (?, 1, 'CNY', DATE '2000-01-01', 'OTHER', 'held', 'UNAPPLIED', TIMESTAMP '2000-01-01 00:00:00')""")) {
            insert.setString(1, reference);
            insert.executeUpdate();
        }
    }

    /** Whether a session of the database waits for a lock another one holds. */
    private boolean waitingForALock() throws SQLException {
        String waiting;
        try (Connection c = dataSource.getConnection()) {
            waiting = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")
                ? "SELECT COUNT(*) FROM pg_locks WHERE NOT granted"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID() "
                    + "AND EXECUTING_STATEMENT LIKE '%FOR UPDATE%'";
        }
        return jdbc.sql(waiting).query(Integer.class).single() > 0;
    }

    /** Until a session of the database waits for a lock another one holds (the held payment's insert). */
    private void awaitOneWaitingForALock() throws SQLException {
        String waiting;
        try (Connection c = dataSource.getConnection()) {
            waiting = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")
                ? "SELECT COUNT(*) FROM pg_locks WHERE NOT granted"
                // H2 shows a row lock wait as the statement still executing
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID() "
                    + "AND EXECUTING_STATEMENT LIKE '%INSERT INTO payments%'";
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
            .until(() -> jdbc.sql(waiting).query(Integer.class).single() > 0);
    }

    private Map<String, Object> invoice(String number, String customerId, String amount) {
        return Map.of("invoiceNumber", number, "customerId", customerId, "issueDate", today().minusDays(30).toString(),
            "dueDate", today().plusDays(30).toString(), "amount", amount, "currency", "CNY");
    }

    private static Map<String, Object> customer(String customerId) {
        return Map.of("customerId", customerId, "name", "Acme " + customerId, "segment", "DOMESTIC", "country", "CN",
            "collector", COLLECTOR);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The calls, released together by a barrier; their answers in the order given. */
    @SafeVarargs
    protected final List<Response> atOnce(Callable<Response>... calls) {
        CyclicBarrier start = new CyclicBarrier(calls.length);
        List<Future<Response>> running = new ArrayList<>();
        for (Callable<Response> call : calls) {
            running.add(pool.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return call.call();
            }));
        }
        List<Response> answers = new ArrayList<>();
        for (Future<Response> f : running) {
            try {
                answers.add(f.get(90, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new AssertionError("a concurrent call did not answer", e);
            }
        }
        return answers;
    }

    /** Exactly these statuses in any order, none of them a 5xx. */
    private static void assertStatuses(List<Response> answers, Integer... expected) {
        answers.forEach(a -> assertThat(a.status()).as(a.raw()).isLessThan(500));
        assertThat(answers.stream().map(Response::status).toList()).as(answers.stream().map(Response::raw).toList()
            .toString()).containsExactlyInAnyOrder(expected);
        answers.stream().filter(a -> a.status() >= 400).forEach(a -> assertProblem(a, a.status()));
    }

    private static void assertAllowed(Response answer, Integer... allowed) {
        assertThat(answer.status()).as(answer.raw()).isLessThan(500).isIn((Object[]) allowed);
        if (answer.status() >= 400) {
            assertProblem(answer, answer.status());
        }
    }

    /**
     * The customer's books: one row per payment reference, every applied payment split exactly (allocations sum to
     * its amount), no allocation without its payment or on an invoice of another customer.
     */
    protected void assertBooks(String customerId) {
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT p.payment_reference, p.amount,
                       (SELECT COALESCE(SUM(a.amount), 0) FROM payment_allocations a
                        WHERE a.payment_reference = p.payment_reference) AS allocated
                FROM payments p WHERE p.customer_id = ? AND p.status = 'APPLIED' AND p.reversed_on IS NULL""")
            .param(customerId).query().listOfRows();
        for (Map<String, Object> row : rows) {
            assertThat((BigDecimal) row.get("allocated")).as("allocations of " + row.get("payment_reference"))
                .isEqualByComparingTo((BigDecimal) row.get("amount"));
        }
        assertThat(count("""
                SELECT COUNT(*) FROM payment_allocations a JOIN payments p ON p.payment_reference = a.payment_reference
                WHERE p.customer_id = ? AND a.invoice_number IS NOT NULL AND NOT EXISTS (SELECT 1 FROM invoices i
                  WHERE i.invoice_number = a.invoice_number AND i.customer_id = p.customer_id)""", customerId))
            .isZero();
        assertThat(count("""
                SELECT COUNT(*) FROM (SELECT payment_reference FROM payments WHERE customer_id = ?
                GROUP BY payment_reference HAVING COUNT(*) > 1) d""", customerId)).isZero();
        // what the invoices owe is what they were issued for, less the money and credits booked on them
        for (Map<String, Object> invoice : jdbc.sql("SELECT invoice_number, amount, status FROM invoices "
            + "WHERE customer_id = ? AND due_date >= ?").params(customerId, today()).query().listOfRows()) {
            String number = (String) invoice.get("invoice_number");
            BigDecimal allocated = jdbc.sql("SELECT COALESCE(SUM(a.amount), 0) FROM payment_allocations a JOIN payments p "
                + "ON p.payment_reference = a.payment_reference WHERE a.invoice_number = ? AND p.reversed_on IS NULL")
                .param(number).query(BigDecimal.class).single();
            BigDecimal credited = jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE "
                + "invoice_number = ? AND entry_type = 'CREDIT_NOTE'").param(number).query(BigDecimal.class).single();
            BigDecimal owed = ((BigDecimal) invoice.get("amount")).subtract(allocated).subtract(credited);
            assertThat(outstanding(number)).as("outstanding of " + number).isEqualByComparingTo(owed);
            assertThat(invoice.get("status")).as("status of " + number)
                .isEqualTo(owed.signum() == 0 ? "SETTLED" : "OPEN");
        }
    }

    private BigDecimal outstanding(String number) {
        Response view = get(FINANCE, "/api/invoices/" + number);
        assertThat(view.status()).as(view.raw()).isEqualTo(200);
        return view.body().path("outstanding").path("total").decimalValue();
    }

    private String status(String number) {
        return get(FINANCE, "/api/invoices/" + number).body().path("status").asText();
    }

    private Map<String, Object> payment(String reference, String invoiceNumber, String customerId, String amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("paymentReference", reference);
        if (invoiceNumber != null) {
            body.put("invoiceNumber", invoiceNumber);
        }
        if (customerId != null) {
            body.put("customerId", customerId);
        }
        body.put("amount", amount);
        body.put("currency", "CNY");
        body.put("receivedOn", today().toString());
        body.put("method", "BANK_TRANSFER");
        return body;
    }

    private Map<String, Object> promise(String amount) {
        return Map.of("amount", amount, "promisedDate", today().plusDays(5).toString(), "note", "portal");
    }

    /** Three instalments before the due date (no interest): the plan is the invoice amount. */
    private Map<String, Object> plan() {
        return Map.of("instalments", List.of(
            Map.of("dueDate", today().plusDays(5).toString(), "amount", "333.33"),
            Map.of("dueDate", today().plusDays(15).toString(), "amount", "333.33"),
            Map.of("dueDate", today().plusDays(25).toString(), "amount", "333.34")), "note", "portal");
    }
}
