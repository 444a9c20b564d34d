package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.collectwise.kernel.CaseVariables;

/**
 * POST /api/invoices/{n}/promises, /agreements, /disputes over HTTP: the record is written, the case reacts,
 * bad input and refused requests leave nothing behind.
 */
public class CaseRequestApiTest extends ApiTestSupport {

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private static Map<String, Object> promise(Object amount, LocalDate date) {
        Map<String, Object> body = new HashMap<>();
        body.put("amount", amount);
        body.put("promisedDate", date.toString());
        body.put("note", "portal");
        return body;
    }

    private static Map<String, Object> plan(Object... dateAmountPairs) {
        List<Map<String, Object>> instalments = new java.util.ArrayList<>();
        for (int i = 0; i < dateAmountPairs.length; i += 2) {
            instalments.add(Map.of("dueDate", dateAmountPairs[i].toString(), "amount", dateAmountPairs[i + 1]));
        }
        return Map.of("instalments", instalments, "note", "asked on the portal");
    }

    private static Map<String, Object> dispute(String category, Object amount) {
        return Map.of("category", category, "amount", amount, "description", "two pallets damaged");
    }

    /** Rows the three requests can write for an invoice (record, contact log, acknowledgement). */
    private int written(String number) {
        return count("SELECT COUNT(*) FROM promises WHERE invoice_number = ?", number)
            + count("SELECT COUNT(*) FROM agreements WHERE invoice_number = ?", number)
            + count("SELECT COUNT(*) FROM disputes WHERE invoice_number = ?", number)
            + count("SELECT COUNT(*) FROM contact_log WHERE invoice_number = ?", number)
            + count("SELECT COUNT(*) FROM acknowledgements WHERE invoice_number = ?", number);
    }

    private boolean waitsAt(String number, String activityId) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(number).activityId(activityId).count() > 0;
    }

    private long running(String number, String processKey) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(processKey)
            .processInstanceBusinessKey(number).count();
    }

    @Test
    void promiseIsRecordedAndTheCaseChecksItAfterTheGraceDays() {
        String number = createInvoice(createCustomer(), "1000.00");
        LocalDate date = today().plusDays(5);

        Response r = post(COLLECTOR, "/api/invoices/" + number + "/promises", promise("400.00", date));

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.headers().getLocation()).hasToString("/api/invoices/" + number);
        assertThat(r.body().path("amount").decimalValue()).isEqualByComparingTo("400.00");
        assertThat(r.body().path("promisedDate").asText()).isEqualTo(date.toString());
        assertThat(r.body().path("status").asText()).isEqualTo("OPEN");
        assertThat(waitsAt(number, "Timer_ApiPromiseDatePassed")).isTrue();
        assertThat(count("SELECT COUNT(*) FROM contact_log WHERE invoice_number = ? AND channel = 'API'"
            + " AND outcome = 'PROMISE_TO_PAY'", number)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM acknowledgements WHERE invoice_number = ? AND source = 'PROMISE'",
            number)).isEqualTo(1);

        // nothing paid: after the promised date and the grace days the promise is broken, and the view says so
        ClockUtil.setCurrentTime(Date.from(clock.now().plus(Duration.ofDays(10))));
        runDueJobsOfCase(number);
        assertThat(waitsAt(number, "Timer_ApiPromiseDatePassed")).isFalse();
        Response view = get(SUPERVISOR, "/api/invoices/" + number);
        assertThat(view.body().path("promises").get(0).path("status").asText()).isEqualTo("BROKEN");
        assertThat(view.body().path("promisesBroken").asInt()).isEqualTo(1);
        assertThat(view.body().path("promisesKept").asInt()).isZero();
    }

    @Test
    void agreementTakesTheCaseOutOfItsStageAndASecondOneIsRefused() {
        String number = createInvoice(createCustomer(), "1000.00");

        Response r = post(INTEGRATION, "/api/invoices/" + number + "/agreements",
            // all instalments before the due date (today + 30): no interest, the plan is the invoice amount
            plan(today().plusDays(5), "333.33", today().plusDays(15), "333.33", today().plusDays(25), "333.34"));

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.headers().getLocation()).hasToString("/api/invoices/" + number);
        assertThat(r.body().path("total").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(r.body().path("instalments")).hasSize(3);
        assertThat(r.body().path("source").asText()).isEqualTo("API");
        assertThat(waitsAt(number, "CallActivity_AgreeInstalments")).isTrue();
        assertThat(waitsAt(number, "SubProcess_CollectReceivable")).isFalse();
        assertThat(running(number, CaseVariables.PROCESS_INSTALMENT_AGREEMENT)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM acknowledgements WHERE invoice_number = ? AND source = 'AGREEMENT'",
            number)).isEqualTo(1);

        // the case view shows the plan
        Response view = get(COLLECTOR, "/api/invoices/" + number);
        assertThat(view.body().path("agreement").path("status").asText()).isEqualTo("PROPOSED");
        assertThat(view.body().path("agreement").path("instalments").get(2).path("amount").decimalValue())
            .isEqualByComparingTo("333.34");

        // a valid second plan is written, then refused by the case: the transaction leaves nothing behind
        int before = written(number);
        Response second = post(INTEGRATION, "/api/invoices/" + number + "/agreements",
            plan(today().plusDays(10), "500.00", today().plusDays(20), "500.00"));

        assertProblem(second, 409);
        assertThat(written(number)).isEqualTo(before);
        assertThat(count("SELECT COUNT(*) FROM agreements WHERE invoice_number = ?", number)).isEqualTo(1);
    }

    @Test
    void disputeStartsTheDisputeProcessAndShowsInTheCaseView() {
        String number = createInvoice(createCustomer(), "1000.00");

        Response r = post(SUPERVISOR, "/api/invoices/" + number + "/disputes", dispute("QUALITY", "250.00"));

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("category").asText()).isEqualTo("QUALITY");
        assertThat(r.body().path("status").asText()).isEqualTo("OPEN");
        assertThat(running(number, CaseVariables.PROCESS_DISPUTE)).isEqualTo(1);
        assertThat(waitsAt(number, "Task_ResolveDispute")).isTrue();
        assertThat(count("SELECT COUNT(*) FROM contact_log WHERE invoice_number = ? AND channel = 'API'"
            + " AND outcome = 'DISPUTED'", number)).isEqualTo(1);

        Response view = get(INTEGRATION, "/api/invoices/" + number);
        assertThat(view.body().path("disputed").decimalValue()).isEqualByComparingTo("250.00");
        assertThat(view.body().path("disputes")).hasSize(1);
        assertThat(view.body().path("disputes").get(0).path("amount").decimalValue()).isEqualByComparingTo("250.00");
        assertThat(view.body().path("agreement").isNull()).isTrue();

        // only the undisputed 750.00 can be disputed now
        Response more = post(SUPERVISOR, "/api/invoices/" + number + "/disputes", dispute("PRICE", "750.01"));
        assertProblem(more, 400);
        assertThat(errorFields(more)).containsExactly("amount");
    }

    @Test
    void badPromiseListsEveryFieldAndWritesNothing() {
        String number = createInvoice(createCustomer(), "1000.00");

        Response r = post(COLLECTOR, "/api/invoices/" + number + "/promises",
            promise("1000.01", today().minusDays(1)));

        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactlyInAnyOrder("amount", "promisedDate");
        assertThat(written(number)).isZero();
        assertThat(waitsAt(number, "Timer_ApiPromiseDatePassed")).isFalse();
    }

    /**
     * The same promise sent again (a client retrying after a lost answer: same amount, date and note) is answered 200
     * with the promise as it stands; nothing is stored twice. Renewed with another date it is a new promise (201).
     */
    @Test
    void theSamePromiseSentAgainIsMadeOnce() {
        String number = createInvoice(createCustomer(), "1000.00");
        LocalDate date = today().plusDays(4);

        Response first = post(COLLECTOR, "/api/invoices/" + number + "/promises", promise("300.00", date));
        Response again = post(COLLECTOR, "/api/invoices/" + number + "/promises", promise("300.00", date));
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(get(SUPERVISOR, "/api/invoices/" + number).body().path("promises")).hasSize(1);

        Response renewed = post(COLLECTOR, "/api/invoices/" + number + "/promises", promise("300.00", date.plusDays(2)));
        assertThat(renewed.status()).as(renewed.raw()).isEqualTo(201);
        assertThat(get(SUPERVISOR, "/api/invoices/" + number).body().path("promises")).hasSize(2);
    }

    /** The promise as answered is the promise as stored: the case view shows the same record, createdAt included. */
    @Test
    void promiseAnsweredIsThePromiseTheCaseViewShows() {
        String number = createInvoice(createCustomer(), "1000.00");

        Response r = post(COLLECTOR, "/api/invoices/" + number + "/promises", promise("250.00", today().plusDays(3)));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);

        Response view = get(SUPERVISOR, "/api/invoices/" + number);
        assertThat(view.body().path("promises").get(0)).isEqualTo(r.body());
    }

    /**
     * A body with a basic error (a negative amount, an unknown category, a missing date) still names every other bad
     * field, including those checked against the invoice: its currency's decimals and a promise date in the past.
     */
    @Test
    void bodyWithSeveralKindsOfBadFieldsNamesEachOfThem() {
        String number = createInvoice(createCustomer(), "1000.00");

        Map<String, Object> badPromise = new HashMap<>();
        badPromise.put("amount", "12.345");
        badPromise.put("promisedDate", today().minusDays(1).toString());
        badPromise.put("note", "x".repeat(2001));
        Response promise = post(COLLECTOR, "/api/invoices/" + number + "/promises", badPromise);
        assertProblem(promise, 400);
        assertThat(errorFields(promise)).containsExactlyInAnyOrder("amount", "promisedDate", "note");

        Response dispute = post(INTEGRATION, "/api/invoices/" + number + "/disputes", dispute("TASTE", "10.001"));
        assertProblem(dispute, 400);
        assertThat(errorFields(dispute)).containsExactlyInAnyOrder("category", "amount");

        Response rows = post(INTEGRATION, "/api/invoices/" + number + "/agreements",
            Map.of("instalments", List.of(Map.of("dueDate", today().plusDays(5).toString(), "amount", "-5"),
                Map.of("dueDate", today().plusDays(9).toString(), "amount", "500.001"))));
        assertProblem(rows, 400);
        assertThat(errorFields(rows)).containsExactlyInAnyOrder("instalments[0].amount", "instalments[1].amount");

        Response note = post(FINANCE, "/api/invoices/" + number + "/credit-notes",
            Map.of("creditNoteNumber", unique("CN"), "amount", "10.001", "issuedOn", "soon", "reason", "returned"));
        assertProblem(note, 400);
        assertThat(errorFields(note)).containsExactlyInAnyOrder("amount", "issuedOn");
        assertThat(written(number)).isZero();
        assertThat(count("SELECT COUNT(*) FROM ledger_entries WHERE invoice_number = ?", number)).isZero();
    }

    @Test
    void aFieldTheRecordRefusesDoesNotHideTheInvoicesRulesOnTheOthers() {
        String number = createInvoice(createCustomer(), "1000.00");

        // the date is unreadable (the record's problem), the amount exceeds what is outstanding (the invoice's rule)
        Map<String, Object> body = promise("1000.01", today());
        body.put("promisedDate", "next Tuesday");
        Response r = post(COLLECTOR, "/api/invoices/" + number + "/promises", body);
        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactly("amount", "promisedDate");
        assertThat(r.raw()).contains("must not exceed the outstanding total 1000.00 CNY");

        // the amount is missing (the record's problem), the date is past (today's rule)
        Map<String, Object> noAmount = promise("1", today().minusDays(3));
        noAmount.remove("amount");
        Response past = post(COLLECTOR, "/api/invoices/" + number + "/promises", noAmount);
        assertProblem(past, 400);
        assertThat(errorFields(past)).containsExactly("amount", "promisedDate");
        assertThat(past.raw()).contains("is required").contains("must not be in the past");

        // an unknown category (the record's problem) and more than the undisputed amount (the invoice's rule)
        Response dispute = post(INTEGRATION, "/api/invoices/" + number + "/disputes", dispute("TASTE", "1000.01"));
        assertProblem(dispute, 400);
        assertThat(errorFields(dispute)).containsExactly("category", "amount");
        assertThat(dispute.raw()).contains("must not exceed the undisputed outstanding principal 1000.00 CNY");
        assertThat(written(number)).isZero();
        assertThat(running(number, CaseVariables.PROCESS_DISPUTE)).isZero();
    }

    @Test
    void planThatDoesNotSumToTheOutstandingTotalIsRefused() {
        String number = createInvoice(createCustomer(), "1000.00");

        Response r = post(INTEGRATION, "/api/invoices/" + number + "/agreements",
            plan(today().plusDays(10), "500.00", today().plusDays(20), "499.99"));

        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactly("instalments");
        assertThat(r.raw()).contains("must total exactly 1000.00 CNY").contains("last instalment 500.00 CNY");
        assertThat(written(number)).isZero();
        assertThat(running(number, CaseVariables.PROCESS_INSTALMENT_AGREEMENT)).isZero();

        Response rows = post(INTEGRATION, "/api/invoices/" + number + "/agreements",
            Map.of("instalments", List.of(Map.of("dueDate", "soon", "amount", "500.00"), Map.of("amount", -1))));
        assertProblem(rows, 400);
        assertThat(errorFields(rows)).containsExactlyInAnyOrder("instalments[0].dueDate", "instalments[1].dueDate",
            "instalments[1].amount");
        assertThat(written(number)).isZero();
    }

    /**
     * Dates a credit manager would not take: a promise more than a year ahead (9999-12-31, or one day past today + 1
     * year) is an instalment plan, not a promise; an instalment due today (or earlier) is due before the customer has
     * the schedule, one due more than two years ahead is no plan anyone watches. Each is a 400 naming the field and the
     * rule; the bounds themselves are taken. Before, all of these were 201.
     */
    @Test
    void promiseAndPlanDatesOutsideTheirBoundsAreRefusedWithTheRule() {
        String number = createInvoice(createCustomer(), "1000.00");
        LocalDate today = today();

        Response farFuture = post(COLLECTOR, "/api/invoices/" + number + "/promises",
            promise("100.00", LocalDate.of(9999, 12, 31)));
        assertProblem(farFuture, 400);
        assertThat(errorFields(farFuture)).containsExactly("promisedDate");
        assertThat(farFuture.raw()).contains("at most one year ahead").contains(today.plusYears(1).toString());
        Response dayTooFar = post(COLLECTOR, "/api/invoices/" + number + "/promises",
            promise("100.00", today.plusYears(1).plusDays(1)));
        assertProblem(dayTooFar, 400);
        assertThat(errorFields(dayTooFar)).containsExactly("promisedDate");

        Response dueToday = post(INTEGRATION, "/api/invoices/" + number + "/agreements",
            plan(today, "500.00", today.plusDays(30), "500.00"));
        assertProblem(dueToday, 400);
        assertThat(errorFields(dueToday)).containsExactly("instalments[0].dueDate");
        assertThat(dueToday.raw()).contains("must be after today");
        Response pastAndFar = post(INTEGRATION, "/api/invoices/" + number + "/agreements",
            plan(today.minusDays(1), "500.00", LocalDate.of(9999, 12, 31), "500.00"));
        assertProblem(pastAndFar, 400);
        assertThat(errorFields(pastAndFar)).containsExactlyInAnyOrder("instalments[0].dueDate",
            "instalments[1].dueDate");
        assertThat(pastAndFar.raw()).contains("at most 2 years ahead").contains(today.plusYears(2).toString());
        assertThat(written(number)).isZero();
        assertThat(running(number, CaseVariables.PROCESS_INSTALMENT_AGREEMENT)).isZero();

        Response lastDay = post(COLLECTOR, "/api/invoices/" + number + "/promises",
            promise("100.00", today.plusYears(1)));
        assertThat(lastDay.status()).as(lastDay.raw()).isEqualTo(201);
    }

    @Test
    void disputeAboveTheOutstandingOrOfUnknownCategoryIsRefused() {
        String number = createInvoice(createCustomer(), "1000.00");

        Response r = post(INTEGRATION, "/api/invoices/" + number + "/disputes", dispute("QUALITY", "1000.01"));
        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactly("amount");

        Response category = post(INTEGRATION, "/api/invoices/" + number + "/disputes", dispute("TASTE", "10"));
        assertProblem(category, 400);
        assertThat(errorFields(category)).containsExactly("category");
        assertThat(written(number)).isZero();
        assertThat(running(number, CaseVariables.PROCESS_DISPUTE)).isZero();
    }

    @Test
    void closedCaseTakesNothing() {
        String number = createInvoice(createCustomer(), "1000.00");
        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", number, "amount", "1000.00", "currency", "CNY", "receivedOn", today().toString(),
            "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        runDueJobsOfCase(number);
        int before = written(number);

        assertProblem(post(COLLECTOR, "/api/invoices/" + number + "/promises", promise("10", today())), 409);
        assertProblem(post(COLLECTOR, "/api/invoices/" + number + "/agreements",
            plan(today().plusDays(1), "5", today().plusDays(2), "5")), 409);
        assertProblem(post(COLLECTOR, "/api/invoices/" + number + "/disputes", dispute("OTHER", "1")), 409);
        assertProblem(post(COLLECTOR, "/api/invoices/" + number + "/promises", Map.of("amount", "lots")), 409);
        assertThat(written(number)).isEqualTo(before);
    }

    @Test
    void unknownInvoiceIs404() {
        assertProblem(post(INTEGRATION, "/api/invoices/NO-SUCH-INVOICE/promises", promise("10", today())), 404);
        assertProblem(post(INTEGRATION, "/api/invoices/NO-SUCH-INVOICE/disputes", dispute("OTHER", "1")), 404);
        // the invoice is looked up before the fields of the body: nothing in them to fix
        assertProblem(post(INTEGRATION, "/api/invoices/NO-SUCH-INVOICE/agreements", Map.of("instalments", "soon")),
            404);
    }

    @Test
    void onlyIntegrationCollectorsAndSupervisorsMayPost() {
        String number = createInvoice(createCustomer(), "1000.00");

        assertProblem(post(null, "/api/invoices/" + number + "/promises", promise("10", today())), 401);
        assertProblem(post(FINANCE, "/api/invoices/" + number + "/promises", promise("10", today())), 403);
        assertProblem(post(LEGAL, "/api/invoices/" + number + "/disputes", dispute("OTHER", "1")), 403);
        assertProblem(exchange(FIELD_COLLECTOR, HttpMethod.POST, "/api/invoices/" + number + "/agreements",
            plan(today().plusDays(1), "500", today().plusDays(2), "500"), MediaType.APPLICATION_JSON), 403);
        assertThat(written(number)).isZero();
    }
}
