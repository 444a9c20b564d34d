package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.collectwise.kernel.CaseVariables;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A reminder or letter fee is owed only when the invoice was late on the day the notice went out (DOMAIN.md 5-6, the
 * rule of the EUR 40, replayed by value date whatever the posting order). A supervisor deploys Decision_LateFeePolicy
 * from Modeler (engine REST) with a first rule for invoices in ILS only (no other test uses ILS, so the shared
 * context's other figures do not change): reminder fee 15.00, letter fee 25.00. Domestic CN customer, 10,000.00 ILS
 * issued 2026-02-01, due Tuesday 2026-03-03, contract rate 7.3% (10,000.00 x 7.3 / 36,500 = 2.00 a day). Registered
 * 03-04 10:00 (one day overdue): the overdue reminder goes out at once and books 15.00 dated 03-04.
 */
class NoticeFeeOnTimePaymentApiTest extends ApiTestSupport {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String ILS = "ILS";
    static volatile boolean deployed;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void clockAt(int month, int day, int hour) {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, ZONE).toInstant()));
    }

    private void runJobs(String number) {
        for (int round = 0; round < 50; round++) {
            var instance = runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_COLLECTION)
                .processInstanceBusinessKey(number).singleResult();
            List<Job> jobs = instance == null ? List.of()
                : management.createJobQuery().rootProcessInstanceId(instance.getId()).executable().list();
            if (jobs.isEmpty()) {
                return;
            }
            management.executeJob(jobs.get(0).getId());
        }
    }

    /** The policy with fees for ILS, deployed as of 2026-03-01 (in force from then on), once for the test run. */
    private void policyWithFeesForIls() throws Exception {
        if (deployed) {
            return;
        }
        String dmn;
        try (InputStream in = getClass().getResourceAsStream("/processes/late-fee-policy.dmn")) {
            dmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String rule = """
                  <rule id="Rule_LateFee_ILS_Test">
                    <description>ILS invoices: reminder and letter fees</description>
                    <inputEntry id="In_Segment_ILS"><text></text></inputEntry>
                    <inputEntry id="In_Country_ILS"><text></text></inputEntry>
                    <inputEntry id="In_Currency_ILS"><text>"ILS"</text></inputEntry>
                    <outputEntry id="Out_Rate_ILS"><text></text></outputEntry>
                    <outputEntry id="Out_Reminder_ILS"><text>15</text></outputEntry>
                    <outputEntry id="Out_Letter_ILS"><text>25</text></outputEntry>
                    <outputEntry id="Out_Cap_ILS"><text></text></outputEntry>
                  </rule>
                  <rule id="Rule_LateFee_DOMESTIC">""";
        String edited = dmn.replace("<rule id=\"Rule_LateFee_DOMESTIC\">", rule);
        assertThat(edited).isNotEqualTo(dmn);
        clockAt(3, 1, 9);
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", "late-fee policy with ILS fees");
        parts.add("deployment-source", "Camunda Modeler");
        HttpHeaders fileHeaders = new HttpHeaders();
        fileHeaders.setContentType(MediaType.APPLICATION_XML);
        parts.add("late-fee-policy.dmn", new HttpEntity<>(new ByteArrayResource(
            edited.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "late-fee-policy.dmn";
            }
        }, fileHeaders));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> r = rest.withBasicAuth(SUPERVISOR, PASSWORD).exchange("/engine-rest/deployment/create",
            HttpMethod.POST, new HttpEntity<>(parts, headers), String.class);
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(200);
        deployed = true;
    }

    private String customer() {
        String customerId = unique("C");
        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Fee " + customerId,
            "segment", "DOMESTIC", "country", "CN", "email", "ap-" + customerId.toLowerCase() + "@fees.example",
            "collector", COLLECTOR));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return customerId;
    }

    /** Registered 03-04 10:00, one day overdue: the overdue reminder and its 15.00 fee at once. */
    private String overdueInvoice(String customerId) throws Exception {
        policyWithFeesForIls();
        clockAt(3, 4, 10);
        String number = unique("INV");
        Response r = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", customerId,
            "issueDate", "2026-02-01", "dueDate", "2026-03-03", "amount", "10000.00", "currency", ILS,
            "contractInterestRatePercent", "7.3"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runJobs(number);
        return number;
    }

    private void pay(String number, String amount, String receivedOn) {
        Response r = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"), "invoiceNumber",
            number, "amount", amount, "currency", ILS, "receivedOn", receivedOn, "method", "BANK_TRANSFER"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runJobs(number);
    }

    private JsonNode view(String number, String asOf) {
        Response r = get(FINANCE, "/api/invoices/" + number + (asOf == null ? "" : "?asOf=" + asOf));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private void assertOutstanding(String number, String asOf, String principal, String interest, String fees,
                                   String total) {
        JsonNode o = view(number, asOf).path("outstanding");
        assertThat(o.path("principal").decimalValue()).as("principal as of " + asOf + ": " + o)
            .isEqualByComparingTo(principal);
        assertThat(o.path("interest").decimalValue()).as("interest as of " + asOf + ": " + o)
            .isEqualByComparingTo(interest);
        assertThat(o.path("fees").decimalValue()).as("fees as of " + asOf + ": " + o).isEqualByComparingTo(fees);
        assertThat(o.path("total").decimalValue()).as("total as of " + asOf + ": " + o).isEqualByComparingTo(total);
    }

    /** What the customer's statement of account asks for in the invoice (zero when it is not on it). */
    private BigDecimal statementTotal(String customerId, String number, String asOf) {
        Response r = get(FINANCE, "/api/customers/" + customerId + "/statement?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        for (JsonNode line : r.body().path("invoices")) {
            if (line.path("invoiceNumber").asText().equals(number)) {
                return line.path("total").decimalValue();
            }
        }
        return BigDecimal.ZERO;
    }

    private BigDecimal agingTotal(String asOf) {
        Response r = get(FINANCE, "/api/reports/aging?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        for (JsonNode c : r.body().path("currencies")) {
            if (c.path("currency").asText().equals(ILS)) {
                return c.path("total").decimalValue();
            }
        }
        return BigDecimal.ZERO;
    }

    private BigDecimal customerFileOutstanding(String customerId) {
        Response r = get(FINANCE, "/api/customers/" + customerId);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode ils = r.body().path("outstanding").path(ILS);
        return ils.isMissingNode() || ils.isNull() ? BigDecimal.ZERO : ils.decimalValue();
    }

    /**
     * Paid in full on the due date (value date 2026-03-03), posted by the bank feed only on 03-06, after the reminder
     * of 03-04 booked its 15.00. Before the payment is posted, as of 03-04: 10,000.00 + 1 day 2.00 + 15.00 =
     * 10,017.00. Once it is posted the invoice was never late: no interest, no reminder fee, as of any date; the
     * case ends. Before the rule the 15.00 stayed owed (fees 15.00, total 15.00, the case open).
     */
    @Test
    void paidOnTimePostedAfterTheReminder_theReminderFeeIsNotOwed() throws Exception {
        String customerId = customer();
        String number = overdueInvoice(customerId);
        assertOutstanding(number, "2026-03-04", "10000.00", "2.00", "15.00", "10017.00");

        clockAt(3, 6, 10);
        pay(number, "10000.00", "2026-03-03");

        for (String asOf : List.of("2026-03-04", "2026-03-06", "2026-03-31")) {
            assertOutstanding(number, asOf, "0.00", "0.00", "0.00", "0.00");
            assertThat(statementTotal(customerId, number, asOf)).as("statement as of " + asOf).isZero();
        }
        // the ageing holds every ILS invoice of this class: the others were paid by 03-10 at the latest
        assertThat(agingTotal("2026-03-31")).as("ageing ILS").isZero();
        assertThat(customerFileOutstanding(customerId)).isZero();
        assertThat(view(number, null).path("status").asText()).isEqualTo("SETTLED");
    }

    /**
     * Paid late, in full with the reminder fee and interest, on 03-10 (value date): 15.00 fee + 03-04..03-10 7 days
     * x 2.00 = 14.00 interest + 10,000.00 = 10,029.00. The reminder fee of 03-04 was owed (unpaid at the end of the
     * due date and on 03-04) and stays owed: the money pays it first. Posted either way round the formal letter of
     * 03-13 (D + 10):
     * <ul>
     *   <li>posted on 03-16, after the letter went out with its 25.00: on 03-13 nothing of the invoice was unpaid
     *       any more, so the letter fee is not owed;</li>
     *   <li>posted on 03-11, before it: the case ends, no letter, no letter fee.</li>
     * </ul>
     * Both: as of 03-09 10,000.00 + 6 days 12.00 + 15.00 = 10,027.00; as of 03-10, 03-13 and 03-31 nothing. Before
     * the rule the first order left 25.00 owed from 03-13 (the second did not).
     */
    @Test
    void paidLateThenTheLetterFeeIsOwedOnlyWhatWasOwedOnItsDay_postedEitherWayRound() throws Exception {
        String afterLetter = customer();
        String a = overdueInvoice(afterLetter);
        clockAt(3, 13, 9);
        runJobs(a);
        assertOutstanding(a, "2026-03-13", "10000.00", "20.00", "40.00", "10060.00"); // 10 days, 15.00 + 25.00
        clockAt(3, 16, 10);
        pay(a, "10029.00", "2026-03-10");

        String beforeLetter = customer();
        String b = overdueInvoice(beforeLetter);
        clockAt(3, 11, 10);
        pay(b, "10029.00", "2026-03-10");
        clockAt(3, 13, 9);
        runJobs(b);

        for (String number : List.of(a, b)) {
            assertOutstanding(number, "2026-03-09", "10000.00", "12.00", "15.00", "10027.00");
            for (String asOf : List.of("2026-03-10", "2026-03-13", "2026-03-31")) {
                assertOutstanding(number, asOf, "0.00", "0.00", "0.00", "0.00");
            }
            assertThat(view(number, null).path("status").asText()).as(number).isEqualTo("SETTLED");
        }
        for (String customerId : List.of(afterLetter, beforeLetter)) {
            assertThat(statementTotal(customerId, customerId.equals(afterLetter) ? a : b, "2026-03-31")).isZero();
            assertThat(customerFileOutstanding(customerId)).isZero();
        }
        assertThat(agingTotal("2026-03-31")).isZero();
    }
}
