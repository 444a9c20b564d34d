package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * GET /api/invoices/{n}?asOf=D over HTTP: the disputes, promises, plans and status as they stood on D, not as
 * they are today (DESIGN.md: "a statement as of a date counts only what happened on or before that date").
 */
public class CaseViewAsOfApiTest extends ApiTestSupport {

    private Response view(String number, LocalDate asOf) {
        Response r = get(INTEGRATION, "/api/invoices/" + number + "?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r;
    }

    private Timestamp daysAgo(int days) {
        return Timestamp.from(clock.now().minus(days, ChronoUnit.DAYS));
    }

    @Test
    void aDisputeRaisedOrDecidedAfterTheDateIsShownAsItWasThen() {
        String number = createInvoice(createCustomer(), "1000.00");
        Response raised = post(COLLECTOR, "/api/invoices/" + number + "/disputes",
            Map.of("category", "QUALITY", "amount", "250.00", "description", "two pallets damaged"));
        assertThat(raised.status()).as(raised.raw()).isEqualTo(201);

        // raised today: not there yesterday
        Response yesterday = view(number, today().minusDays(1));
        assertThat(yesterday.body().path("disputes")).isEmpty();
        assertThat(yesterday.body().path("disputed").decimalValue()).isEqualByComparingTo("0");
        assertThat(view(number, today()).body().path("disputed").decimalValue()).isEqualByComparingTo("250.00");

        // the same dispute, had it been raised 10 days ago and rejected 3 days ago
        jdbc.sql("UPDATE disputes SET raised_at = ?, status = 'REJECTED', resolution = 'no damage found',"
                + " resolved_by = 'apisupervisor', resolved_at = ? WHERE invoice_number = ?")
            .params(daysAgo(10), daysAgo(3), number).update();
        Response open = view(number, today().minusDays(5));
        assertThat(open.body().path("disputes")).hasSize(1);
        assertThat(open.body().path("disputes").get(0).path("status").asText()).isEqualTo("OPEN");
        assertThat(open.body().path("disputes").get(0).path("resolution").asText(""))
            .as("not decided yet: no resolution").isIn("", "null");
        assertThat(open.body().path("disputed").decimalValue()).isEqualByComparingTo("250.00");
        Response decided = view(number, today());
        assertThat(decided.body().path("disputes").get(0).path("status").asText()).isEqualTo("REJECTED");
        assertThat(decided.body().path("disputed").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void aPromiseDecidedAfterTheDateIsStillOpenOnIt() {
        String customer = createCustomer();
        String number = createInvoice(customer, "1000.00");
        Response made = post(COLLECTOR, "/api/invoices/" + number + "/promises",
            Map.of("amount", "400.00", "promisedDate", today().plusDays(5).toString(), "note", "portal"));
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        assertThat(view(number, today().minusDays(1)).body().path("promises")).isEmpty();

        // had it been made 10 days ago and found broken 3 days ago
        jdbc.sql("UPDATE promises SET created_at = ?, status = 'BROKEN', resolved_at = ? WHERE invoice_number = ?")
            .params(daysAgo(10), daysAgo(3), number).update();
        Response then = view(number, today().minusDays(5));
        assertThat(then.body().path("promises")).hasSize(1);
        assertThat(then.body().path("promises").get(0).path("status").asText()).isEqualTo("OPEN");
        assertThat(then.body().path("promisesBroken").asInt()).isZero();
        Response now = view(number, today());
        assertThat(now.body().path("promises").get(0).path("status").asText()).isEqualTo("BROKEN");
        assertThat(now.body().path("promisesBroken").asInt()).isEqualTo(1);
    }

    @Test
    void aPlanIsShownOnlyFromItsProposalAndKeptOnlyFromItsEnd() {
        String number = createInvoice(createCustomer(), "1000.00");
        Response made = post(COLLECTOR, "/api/invoices/" + number + "/agreements", Map.of("instalments", List.of(
            Map.of("dueDate", today().plusDays(10).toString(), "amount", "500.00"),
            Map.of("dueDate", today().plusDays(20).toString(), "amount", "500.00")), "note", "portal"));
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        assertThat(view(number, today().minusDays(1)).body().path("agreement").isNull()).isTrue();

        // had it been proposed 10 days ago and kept 3 days ago
        jdbc.sql("UPDATE agreements SET created_at = ?, status = 'KEPT', resolved_at = ? WHERE invoice_number = ?")
            .params(daysAgo(10), daysAgo(3), number).update();
        assertThat(view(number, today().minusDays(11)).body().path("agreement").isNull()).isTrue();
        assertThat(view(number, today().minusDays(5)).body().path("agreement").path("status").asText())
            .isEqualTo("ACTIVE");
        assertThat(view(number, today()).body().path("agreement").path("status").asText()).isEqualTo("KEPT");
    }

    @Test
    void aCaseSettledTodayWasOpenYesterday() {
        String number = createInvoice(createCustomer(), "1000.00");
        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", number, "amount", "1000.00", "currency", "CNY", "receivedOn", today().toString(),
            "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        runDueJobsOfCase(number);

        assertThat(view(number, today()).body().path("status").asText()).isEqualTo("SETTLED");
        Response yesterday = view(number, today().minusDays(1));
        assertThat(yesterday.body().path("status").asText()).isEqualTo("OPEN");
        assertThat(yesterday.body().path("outstanding").path("total").decimalValue()).isEqualByComparingTo("1000.00");
    }
}
