package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * DOMAIN.md 5 and 6 seen from outside: every reminder, the letter and the call form ask for the undisputed amount
 * and name the disputed one; the reminders and the letter tell the rate and its basis. A FOREIGN customer in the
 * United States (no jurisdiction the application knows: no statutory rate, and the FOREIGN segment has no rate in
 * the shipped policy, so no interest, and the notices say why) with an invoice of USD 10,000.00 issued Fri
 * 2026-01-30, due Sun 2026-03-01 (30-day term), registered Wed 02-25 (pre-due); 2,500.00 of it disputed (QUALITY) the
 * same day. No fees (FOREIGN, shipped policy) and no interest: what is owed stays 10,000.00 and what is asked for
 * is 10,000.00 - 2,500.00 = 7,500.00 in every notice:
 * <ul>
 * <li>overdue reminder of Mon 03-02 (D+1): "Of this, USD 2500.00 is disputed ... Undisputed and due now: USD
 * 7500.00", the rate line "Late-payment interest: none charged (...)";</li>
 * <li>the call of 03-02: {@code amountToCollect} 7,500.00, {@code openDisputedAmount} 2,500.00;</li>
 * <li>the formal letter of Wed 03-11 (D + T/3 = D+10; deadline 7 days: 03-18), e-mail and PDF: the same two amounts
 * and the rate line, and no "interest continues to accrue" (none does: before, both said it did).</li>
 * </ul>
 */
class DisputedForeignNoticeApiTest extends ApiTestSupport {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    org.camunda.bpm.engine.TaskService tasks;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private static void clockAt(LocalDate day, int hour, int minute) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(day.atTime(hour, minute), SHANGHAI).toInstant()));
    }

    private JsonNode messages(String invoiceNumber) {
        Response r = get(SUPERVISOR, "/api/invoices/" + invoiceNumber + "/messages");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private String body(String invoiceNumber, String kind) {
        for (JsonNode m : messages(invoiceNumber)) {
            if (kind.equals(m.path("kind").asText())) {
                return m.path("body").asText();
            }
        }
        throw new AssertionError("no " + kind + " in " + messages(invoiceNumber));
    }

    private String callTaskOf(String invoiceNumber) {
        return jdbc.sql("""
                SELECT t.ID_ FROM ACT_RU_TASK t JOIN ACT_RU_EXECUTION e ON e.ID_ = t.PROC_INST_ID_
                WHERE e.BUSINESS_KEY_ = ? AND t.TASK_DEF_KEY_ = 'Task_CallCustomer'""")
            .param(invoiceNumber).query(String.class).optional().orElse(null);
    }

    @Test
    void aPartDisputedForeignInvoiceOfACustomerWithoutAJurisdiction_asksForTheUndisputedPartAndSaysWhyNoInterest()
        throws Exception {
        clockAt(LocalDate.of(2026, 2, 25), 10, 0);
        String customerId = unique("C");
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("customerId", customerId);
        customer.put("name", "Acme US " + customerId);
        customer.put("segment", "FOREIGN");
        customer.put("country", "US");
        customer.put("email", customerId.toLowerCase() + "@acme.example");
        customer.put("collector", COLLECTOR);
        customer.put("decisionMaker", "Mr. Smith");
        assertThat(post(INTEGRATION, "/api/customers", customer).status()).isEqualTo(201);
        String number = unique("INV");
        Response created = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", customerId,
            "issueDate", "2026-01-30", "dueDate", "2026-03-01", "amount", "10000.00", "currency", "USD"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        runDueJobsOfCase(number);
        Response disputed = post(COLLECTOR, "/api/invoices/" + number + "/disputes", Map.of("category", "QUALITY",
            "amount", "2500.00", "description", "two pallets damaged"));
        assertThat(disputed.status()).as(disputed.raw()).isEqualTo(201);

        clockAt(LocalDate.of(2026, 3, 2), 10, 0);
        runDueJobsOfCase(number);
        String reminder = body(number, "OVERDUE_REMINDER");
        assertThat(reminder).contains("Outstanding today: USD 10000.00")
            .contains("Of this, USD 2500.00 is disputed").contains("Undisputed and due now: USD 7500.00")
            .contains("Late-payment interest: none charged (");
        String call = callTaskOf(number);
        assertThat(call).isNotNull();
        assertThat(String.valueOf(tasks.getVariableLocal(call, "amountToCollect"))).isEqualTo("7,500.00");
        assertThat(String.valueOf(tasks.getVariable(call, "openDisputedAmount"))).startsWith("2500");

        clockAt(LocalDate.of(2026, 3, 11), 10, 0);
        runDueJobsOfCase(number);
        String letter = body(number, "DUNNING_LETTER");
        assertThat(letter).contains("disputed  USD 2500.00").contains("demanded  USD 7500.00")
            .contains("Late-payment interest: none charged (no interest: no contract or segment rate and no statutory "
                + "default for country US).")
            .contains("We demand payment of USD 7500.00 by 2026-03-18 (7 days)")
            // no interest runs for this customer: the letter must not threaten that it does
            .doesNotContainIgnoringCase("interest continues to accrue");
        JsonNode documents = get(COLLECTOR, "/api/invoices/" + number + "/documents").body();
        assertThat(documents.size()).as(documents.toString()).isGreaterThanOrEqualTo(1);
        var pdf = rest.withBasicAuth(COLLECTOR, PASSWORD).exchange("/api/invoices/" + number + "/documents/"
            + documents.get(0).path("id").asText(), org.springframework.http.HttpMethod.GET, null, byte[].class);
        assertThat(pdf.getStatusCode().value()).isEqualTo(200);
        String pdfText = StatementApiTest.text(pdf.getBody());
        assertThat(pdfText).contains("7,500.00 USD").contains("2,500.00 USD").contains("none charged")
            .contains("no later than 2026-03-18.").doesNotContainIgnoringCase("interest continues to accrue");
    }
}
