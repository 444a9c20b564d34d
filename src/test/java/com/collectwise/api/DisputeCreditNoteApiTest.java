package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.collectwise.kernel.CaseVariables;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A credit note posted over {@code POST /api/invoices/{n}/credit-notes} while disputes of the invoice are open is the
 * outcome of those disputes (DOMAIN.md section 5): it settles them oldest first up to its amount (or the one it names
 * with {@code disputeId}); a dispute covered in part stays open for the rest. The undisputed part is then not reduced
 * twice (once by the credit note, once more by the dispute it settled), in every order of events.
 * <p>
 * The invoice: 10,000.00 CNY at 6.75% (LPR 4.5% x 1.5), due 40 days ago. 40 days of interest on P is
 * P x 6.75 x 40 / 36500: on 10,000.00 73.97, 9,000.00 66.58, 8,000.00 59.18, 7,000.00 51.78, 5,000.00 36.99,
 * 4,000.00 29.59.
 */
public class DisputeCreditNoteApiTest extends ApiTestSupport {

    private static final Pattern UNDISPUTED = Pattern.compile("undisputed outstanding amount ([0-9.]+) CNY");

    @Autowired
    TaskService tasks;

    private String overdueInvoice() {
        String number = unique("INV");
        Map<String, Object> body = new HashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", createCustomer());
        body.put("issueDate", today().minusDays(70).toString());
        body.put("dueDate", today().minusDays(40).toString());
        body.put("amount", "10000.00");
        body.put("currency", "CNY");
        body.put("contractInterestRatePercent", "6.75");
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runDueJobsOfCase(number);
        return number;
    }

    private long dispute(String number, String category, String amount) {
        Response r = post(COLLECTOR, "/api/invoices/" + number + "/disputes",
            Map.of("category", category, "amount", amount, "description", "pumps leak"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().path("id").asLong();
    }

    private Response creditNote(String number, String creditNoteNumber, String amount, LocalDate issuedOn,
                                Long disputeId) {
        Map<String, Object> body = new HashMap<>();
        body.put("creditNoteNumber", creditNoteNumber);
        body.put("amount", amount);
        body.put("issuedOn", issuedOn.toString());
        body.put("reason", "goods returned");
        if (disputeId != null) {
            body.put("disputeId", disputeId);
        }
        return post(FINANCE, "/api/invoices/" + number + "/credit-notes", body);
    }

    private Response credited(String number, String creditNoteNumber, String amount, LocalDate issuedOn) {
        Response r = creditNote(number, creditNoteNumber, amount, issuedOn, null);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r;
    }

    /** What the customer is asked for today: the error of a dispute above it names it exactly. */
    private String undisputed(String number) {
        Response r = post(COLLECTOR, "/api/invoices/" + number + "/disputes",
            Map.of("category", "OTHER", "amount", "99999999.00", "description", "probe"));
        assertProblem(r, 400);
        Matcher m = UNDISPUTED.matcher(r.raw());
        assertThat(m.find()).as(r.raw()).isTrue();
        return m.group(1);
    }

    private JsonNode view(String number, LocalDate asOf) {
        Response r = get(INTEGRATION, "/api/invoices/" + number + "?asOf=" + asOf);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private JsonNode disputeOf(JsonNode view, long id) {
        for (JsonNode d : view.path("disputes")) {
            if (d.path("id").asLong() == id) {
                return d;
            }
        }
        throw new AssertionError("no dispute " + id + " in " + view);
    }

    private List<ProcessInstance> disputeProcesses(String number) {
        ProcessInstance collection = runtime.createProcessInstanceQuery()
            .processDefinitionKey(CaseVariables.PROCESS_COLLECTION).processInstanceBusinessKey(number).singleResult();
        return collection == null ? List.of() : runtime.createProcessInstanceQuery()
            .superProcessInstanceId(collection.getId()).processDefinitionKey(CaseVariables.PROCESS_DISPUTE).list();
    }

    private void backdateDispute(long id, int days) {
        jdbc.sql("UPDATE disputes SET raised_at = ? WHERE id = ?")
            .params(Timestamp.from(clock.now().minus(days, ChronoUnit.DAYS)), id).update();
    }

    @Test
    void aCreditNoteCoveringTheDisputeSettlesItAndIsNotCountedTwice() {
        String number = overdueInvoice();
        long id = dispute(number, "QUALITY", "3000.00");
        assertThat(undisputed(number)).isEqualTo("7051.78");
        assertThat(disputeProcesses(number)).hasSize(1);

        String cn = unique("CN");
        credited(number, cn, "3000.00", today());

        // 7,000.00 + 51.78, as before the credit note; not 4,000.00 + 29.59 (the 3,000.00 taken off twice)
        assertThat(undisputed(number)).isEqualTo("7051.78");
        JsonNode view = view(number, today());
        assertThat(view.path("disputed").decimalValue()).isEqualByComparingTo("0");
        assertThat(view.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("7051.78");
        JsonNode d = disputeOf(view, id);
        assertThat(d.path("status").asText()).isEqualTo("CREDIT_NOTE");
        assertThat(d.path("credited").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(d.path("openAmount").decimalValue()).isEqualByComparingTo("0");
        assertThat(d.path("resolution").asText()).contains(cn);
        // the dispute process ended as when the department decides a credit note (no second credit note)
        assertThat(disputeProcesses(number)).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM ledger_entries WHERE invoice_number = ? AND entry_type = 'CREDIT_NOTE'",
            number)).isEqualTo(1);
        assertThat(caseRunning(number)).isTrue();

        // the same credit note again changes nothing
        Response replay = creditNote(number, cn, "3000.00", today(), null);
        assertThat(replay.status()).as(replay.raw()).isEqualTo(200);
        assertThat(undisputed(number)).isEqualTo("7051.78");
        assertThat(count("SELECT COUNT(*) FROM dispute_credit_notes WHERE invoice_number = ?", number)).isEqualTo(1);
    }

    @Test
    void aCreditNoteCoveringPartOfTheDisputeLeavesTheRestDisputedUntilRejected() {
        String number = overdueInvoice();
        long id = dispute(number, "QUALITY", "3000.00");
        credited(number, unique("CN"), "1000.00", today());

        // 10,000.00 - 1,000.00 credited - 2,000.00 still disputed = 7,000.00 + 51.78
        assertThat(undisputed(number)).isEqualTo("7051.78");
        JsonNode view = view(number, today());
        assertThat(view.path("disputed").decimalValue()).isEqualByComparingTo("2000.00");
        assertThat(view.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("9066.58");
        JsonNode d = disputeOf(view, id);
        assertThat(d.path("status").asText()).isEqualTo("OPEN");
        assertThat(d.path("amount").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(d.path("credited").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(d.path("openAmount").decimalValue()).isEqualByComparingTo("2000.00");
        assertThat(disputeProcesses(number)).as("the department still decides the rest").hasSize(1);

        // the customer's statement: the invoice credited 1,000.00 (the note is a credit line), 2,000.00 still disputed
        Response statement = get(INTEGRATION, "/api/customers/" + view.path("customerId").asText() + "/statement");
        assertThat(statement.status()).as(statement.raw()).isEqualTo(200);
        JsonNode line = statement.body().path("invoices").get(0);
        assertThat(line.path("credited").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(line.path("disputed").decimalValue()).isEqualByComparingTo("2000.00");
        assertThat(line.path("total").decimalValue()).isEqualByComparingTo("9066.58");
        assertThat(statement.body().path("credits").get(0).path("kind").asText()).isEqualTo("CREDIT_NOTE");

        // the rest is rejected: collection of those 2,000.00 (and their interest) resumes; the credit note stays
        ProcessInstance process = disputeProcesses(number).get(0);
        Task resolve = tasks.createTaskQuery().processInstanceId(process.getId()).singleResult();
        tasks.complete(resolve.getId(), Map.of(CaseVariables.DISPUTE_DECISION, "REJECTED",
            CaseVariables.DECISION_REASON, "the other pumps work"));
        assertThat(disputeProcesses(number)).isEmpty();
        view = view(number, today());
        assertThat(view.path("disputed").decimalValue()).isEqualByComparingTo("0");
        assertThat(disputeOf(view, id).path("status").asText()).isEqualTo("REJECTED");
        assertThat(undisputed(number)).isEqualTo("9066.58");
    }

    @Test
    void aPartlyCoveredDisputeAcceptedLaterCreditsOnlyTheRest() {
        String number = overdueInvoice();
        dispute(number, "QUALITY", "3000.00");
        credited(number, unique("CN"), "1000.00", today());
        ProcessInstance process = disputeProcesses(number).get(0);
        Task resolve = tasks.createTaskQuery().processInstanceId(process.getId()).singleResult();
        tasks.complete(resolve.getId(), Map.of(CaseVariables.DISPUTE_DECISION, "CREDIT_NOTE",
            CaseVariables.DECISION_REASON, "all of it"));
        // 3,000.00 credited in all, not 4,000.00
        JsonNode view = view(number, today());
        assertThat(view.path("outstanding").path("principal").decimalValue()).isEqualByComparingTo("7000.00");
        assertThat(view.path("outstanding").path("total").decimalValue()).isEqualByComparingTo("7051.78");
        assertThat(undisputed(number)).isEqualTo("7051.78");
    }

    @Test
    void asOfADateBeforeTheCreditNoteTheDisputeIsStillOpen() {
        String number = overdueInvoice();
        long id = dispute(number, "QUALITY", "3000.00");
        backdateDispute(id, 20);
        // posted today, dated 10 days ago
        credited(number, unique("CN"), "3000.00", today().minusDays(10));

        JsonNode before = view(number, today().minusDays(15));
        assertThat(before.path("disputed").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(disputeOf(before, id).path("status").asText()).isEqualTo("OPEN");
        assertThat(before.path("outstanding").path("principal").decimalValue()).isEqualByComparingTo("10000.00");

        JsonNode onTheDate = view(number, today().minusDays(10));
        assertThat(onTheDate.path("disputed").decimalValue()).isEqualByComparingTo("0");
        assertThat(disputeOf(onTheDate, id).path("status").asText()).isEqualTo("CREDIT_NOTE");
        assertThat(onTheDate.path("outstanding").path("principal").decimalValue()).isEqualByComparingTo("7000.00");

        assertThat(undisputed(number)).isEqualTo("7051.78");
    }

    @Test
    void aCreditNoteDatedBeforeTheDisputeStillSettlesIt() {
        String number = overdueInvoice();
        long id = dispute(number, "QUALITY", "3000.00");
        backdateDispute(id, 5);
        credited(number, unique("CN"), "3000.00", today().minusDays(10));

        JsonNode before = view(number, today().minusDays(7));
        assertThat(before.path("disputes")).isEmpty();
        assertThat(before.path("outstanding").path("principal").decimalValue()).isEqualByComparingTo("7000.00");
        JsonNode raised = view(number, today().minusDays(5));
        assertThat(disputeOf(raised, id).path("status").asText()).isEqualTo("CREDIT_NOTE");
        assertThat(raised.path("disputed").decimalValue()).isEqualByComparingTo("0");
        assertThat(undisputed(number)).isEqualTo("7051.78");
    }

    @Test
    void withoutADisputeIdTheOldestDisputeIsSettledFirst() {
        String number = overdueInvoice();
        long older = dispute(number, "QUALITY", "1000.00");
        long newer = dispute(number, "PRICE", "2000.00");
        credited(number, unique("CN"), "2000.00", today());

        JsonNode view = view(number, today());
        assertThat(disputeOf(view, older).path("status").asText()).isEqualTo("CREDIT_NOTE");
        assertThat(disputeOf(view, newer).path("status").asText()).isEqualTo("OPEN");
        assertThat(disputeOf(view, newer).path("openAmount").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(view.path("disputed").decimalValue()).isEqualByComparingTo("1000.00");
        // 10,000.00 - 2,000.00 - 1,000.00 = 7,000.00 + 51.78
        assertThat(undisputed(number)).isEqualTo("7051.78");
        assertThat(disputeProcesses(number)).hasSize(1);
    }

    @Test
    void aCreditNoteNamingADisputeSettlesThatOne() {
        String number = overdueInvoice();
        long older = dispute(number, "QUALITY", "1000.00");
        long newer = dispute(number, "PRICE", "2000.00");

        Response unknown = creditNote(number, unique("CN"), "2000.00", today(), older + 100_000);
        assertProblem(unknown, 400);
        assertThat(errorFields(unknown)).containsExactly("disputeId");
        assertThat(count("SELECT COUNT(*) FROM ledger_entries WHERE invoice_number = ? AND entry_type = 'CREDIT_NOTE'",
            number)).isZero();

        Response named = creditNote(number, unique("CN"), "2000.00", today(), newer);
        assertThat(named.status()).as(named.raw()).isEqualTo(201);
        JsonNode view = view(number, today());
        assertThat(disputeOf(view, newer).path("status").asText()).isEqualTo("CREDIT_NOTE");
        assertThat(disputeOf(view, older).path("status").asText()).isEqualTo("OPEN");
        assertThat(view.path("disputed").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(undisputed(number)).isEqualTo("7051.78");

        // a dispute no longer open cannot be named
        Response decided = creditNote(number, unique("CN"), "100.00", today(), newer);
        assertProblem(decided, 400);
        assertThat(errorFields(decided)).containsExactly("disputeId");
    }

    @Test
    void aCreditNoteAboveWhatIsOpenSettlesTheDisputeAndTheInvoice() {
        String customer = createCustomer();
        String number = createInvoice(customer, "10000.00");
        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", unique("PAY"),
            "invoiceNumber", number, "amount", "8000.00", "currency", "CNY", "receivedOn", today().toString(),
            "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        long id = dispute(number, "QUANTITY", "1500.00");

        // 5,000.00 > 1,500.00 disputed + 500.00 undisputed: the invoice owes nothing, 3,000.00 is the customer's
        credited(number, unique("CN"), "5000.00", today());
        runDueJobsOfCase(number);
        JsonNode view = view(number, today());
        assertThat(view.path("status").asText()).isEqualTo("SETTLED");
        assertThat(view.path("disputed").decimalValue()).isEqualByComparingTo("0");
        assertThat(disputeOf(view, id).path("status").asText()).isEqualTo("CREDIT_NOTE");
        assertThat(disputeOf(view, id).path("credited").decimalValue()).isEqualByComparingTo("1500.00");
        assertThat(caseRunning(number)).isFalse();
    }

    @Test
    void aDisputeRaisedAfterACreditNoteIsJudgedOnTheCreditedInvoice() {
        String number = overdueInvoice();
        credited(number, unique("CN"), "2000.00", today());
        // 8,000.00 + 59.18
        assertThat(undisputed(number)).isEqualTo("8059.18");
        long id = dispute(number, "DELIVERY", "3000.00");
        // the earlier credit note is not this dispute's outcome: 5,000.00 + 36.99
        assertThat(undisputed(number)).isEqualTo("5036.99");
        JsonNode view = view(number, today());
        assertThat(disputeOf(view, id).path("status").asText()).isEqualTo("OPEN");
        assertThat(view.path("disputed").decimalValue()).isEqualByComparingTo("3000.00");

        // a later credit note is: the dispute is left open for 2,000.00
        credited(number, unique("CN"), "1000.00", today());
        assertThat(view(number, today()).path("disputed").decimalValue()).isEqualByComparingTo("2000.00");
        assertThat(undisputed(number)).isEqualTo("5036.99");
    }
}
