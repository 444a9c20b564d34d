package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.communication.DunningLetterService;
import com.collectwise.communication.LateCharges;
import com.collectwise.communication.Outbox;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.fees.StatementService;
import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

/**
 * The statement of account (对账单) over HTTP: figures to the cent, the PDF, sending it, and the confirmation as an
 * acknowledgement that restarts the limitation period.
 *
 * <p>The worked example (contract rate 12% p.a., actual/365, D = the due date of invoice A, 30 days ago):
 * <ul>
 *   <li>A: 10,000.00 due D. Days D+1..D+10 on 10,000.00: 10,000.00 x 12 x 10 / 36500 = 32.876712 -> 32.88; the
 *       payment of 4,000.00 received on D+10 pays 32.88 interest and 3,967.12 principal: 6,032.88 left;</li>
 *   <li>days D+11..D+30 (20) on 6,032.88: 6,032.88 x 12 x 20 / 36500 = 39.668 (exact sum 72.544964 -> 72.54);
 *       interest owed 72.54 - 32.88 = 39.66; A owes 6,032.88 + 39.66 = 6,072.54;</li>
 *   <li>B: 500.00 not yet due, credit note 100.00: owes 400.00;</li>
 *   <li>the statement: CNY principal 6,432.88, interest 39.66, total 6,472.54.</li>
 * </ul>
 */
public class StatementApiTest extends ApiTestSupport {

    @Autowired DunningLetterService letters;
    @Autowired InvoiceRepository invoices;
    @Autowired CustomerRepository customers;
    @Autowired StatementService statementService;

    record Example(String customerId, String a, String b, String payment) {
    }

    /** A customer in CN who reads English: the statements below are the English ones. */
    Example example() {
        return example(customer("Acme", "en"));
    }

    String customer(String name, String language) {
        String customerId = unique("C");
        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", name + " " + customerId,
            "segment", "DOMESTIC", "country", "CN", "collector", COLLECTOR, "decisionMaker", "Ms. Wang",
            "language", language));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return customerId;
    }

    Example example(String customerId) {
        String a = unique("INV");
        Response r = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", a, "customerId", customerId,
            "issueDate", today().minusDays(60).toString(), "dueDate", today().minusDays(30).toString(),
            "amount", "10000.00", "currency", "CNY", "contractInterestRatePercent", "12"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        String payment = unique("PAY");
        Response paid = post(INTEGRATION, "/api/payments", Map.of("paymentReference", payment, "invoiceNumber", a,
            "amount", "4000.00", "currency", "CNY", "receivedOn", today().minusDays(20).toString(),
            "method", "BANK_TRANSFER"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        String b = createInvoice(customerId, "500.00", "CNY", today().minusDays(10), today().plusDays(20));
        Response credit = post(INTEGRATION, "/api/invoices/" + b + "/credit-notes", Map.of("creditNoteNumber",
            unique("CN"), "amount", "100.00", "issuedOn", today().minusDays(5).toString(), "reason", "short delivery"));
        assertThat(credit.status()).as(credit.raw()).isEqualTo(201);
        return new Example(customerId, a, b, payment);
    }

    @Test
    public void theStatementListsInvoicesPaymentsCreditsAndTheTotalToTheCent() {
        Example x = example();

        Response r = get(COLLECTOR, "/api/customers/" + x.customerId() + "/statement?asOf=" + today());

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        var lines = r.body().path("invoices");
        assertThat(lines.findValuesAsText("invoiceNumber")).containsExactly(x.a(), x.b());
        var a = lines.get(0);
        assertThat(a.path("principal").decimalValue()).isEqualByComparingTo("6032.88");
        assertThat(a.path("interest").decimalValue()).isEqualByComparingTo("39.66");
        assertThat(a.path("total").decimalValue()).isEqualByComparingTo("6072.54");
        assertThat(a.path("paid").decimalValue()).isEqualByComparingTo("4000.00");
        assertThat(a.path("daysOverdue").asInt()).isEqualTo(30);
        var b = lines.get(1);
        assertThat(b.path("credited").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(b.path("total").decimalValue()).isEqualByComparingTo("400.00");
        var payment = r.body().path("payments").get(0);
        assertThat(payment.path("paymentReference").asText()).isEqualTo(x.payment());
        assertThat(payment.path("applied").get(0).path("invoiceNumber").asText()).isEqualTo(x.a());
        assertThat(payment.path("applied").get(0).path("amount").decimalValue()).isEqualByComparingTo("4000.00");
        assertThat(r.body().path("credits").get(0).path("kind").asText()).isEqualTo("CREDIT_NOTE");
        var total = r.body().path("totals").get(0);
        assertThat(total.path("currency").asText()).isEqualTo("CNY");
        assertThat(total.path("principal").decimalValue()).isEqualByComparingTo("6432.88");
        assertThat(total.path("interest").decimalValue()).isEqualByComparingTo("39.66");
        assertThat(total.path("total").toString()).isEqualTo("6472.54");
    }

    @Test
    public void aStatementOfAPastDateCountsOnlyWhatHadHappenedByThen() {
        Example x = example();

        // 25 days ago: 5 days of interest on 10,000.00 (16.438356 -> 16.44), nothing paid, B not yet issued
        Response r = get(FINANCE, "/api/customers/" + x.customerId() + "/statement?asOf=" + today().minusDays(25));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("invoices").findValuesAsText("invoiceNumber")).containsExactly(x.a());
        assertThat(r.body().path("payments")).isEmpty();
        assertThat(r.body().path("totals").get(0).path("total").decimalValue()).isEqualByComparingTo("10016.44");
    }

    @Test
    public void withAcceptPdfTheStatementIsThePdfThatIsSent() throws Exception {
        Example x = example();

        ResponseEntity<byte[]> r = pdf(SUPERVISOR, "/api/customers/" + x.customerId() + "/statement?asOf=" + today());

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        String text = text(r.getBody());
        assertThat(text).contains("STATEMENT OF ACCOUNT", x.a(), x.b(), "6,072.54 CNY", "39.66 CNY", "400.00 CNY",
            x.payment(), "Total owed as of " + today() + ": 6,472.54 CNY");
        // set in the letter's embedded font, also in English
        assertThat(new String(r.getBody(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("/Helvetica");
    }

    /**
     * The PDF shows each invoice's disputed amount as the JSON does: A (6,072.54 outstanding, see the worked example)
     * disputed for 1,234.56, which is part of what it owes, not asked for while the dispute runs; B 0.00. Both
     * languages.
     */
    @Test
    public void thePdfShowsTheDisputedAmountOfEachInvoice() throws Exception {
        for (String language : List.of("en", "zh")) {
            Example x = example(customer("Delta", language));
            Response d = post(COLLECTOR, "/api/invoices/" + x.a() + "/disputes",
                Map.of("category", "QUALITY", "amount", "1234.56", "description", "pumps leak"));
            assertThat(d.status()).as(d.raw()).isEqualTo(201);
            String path = "/api/customers/" + x.customerId() + "/statement?asOf=" + today();
            assertThat(get(FINANCE, path).body().path("invoices").findValuesAsText("disputed"))
                .containsExactly("1234.56", "0.00");

            String text = text(pdf(FINANCE, path).getBody());

            assertThat(text).as(language).contains(language.equals("en") ? "Of which disputed" : "其中有异议");
            // adjacent cells are extracted with or without a space between them: compare without spaces; the
            // disputed column follows the outstanding one (A: 6,072.54 then 1,234.56; B: ... 400.00 then 0.00)
            assertThat(text.replace(" ", "")).as(language).contains("6,072.54CNY1,234.56CNY",
                "400.00CNY0.00CNY0.00CNY400.00CNY0.00CNY");
        }
    }

    /**
     * The statement shows what is asked for while a dispute runs (DOMAIN.md 5), beside the total owed and the disputed
     * amount: A with 1,234.56 disputed, as if credited from its due date - 8,765.44 from D: D+1..D+10 28.817885 ->
     * 28.82, so 4,000.00 pays 28.82 and 3,971.18 (4,794.26 left); D+11..D+30 on 4,794.26 31.523901; exact sum
     * 60.341786 -> 60.34, paid 28.82: 31.52 owed; undisputed 4,825.78 (not 6,072.54 - 1,234.56 = 4,837.98, which
     * keeps the interest of the disputed part). B 400.00, nothing disputed. CNY: 6,472.54 owed, 5,225.78 undisputed.
     */
    @Test
    public void theStatementShowsTheUndisputedAmountOfEachInvoiceAndInTotal() {
        Example x = example();
        Response d = post(COLLECTOR, "/api/invoices/" + x.a() + "/disputes",
            Map.of("category", "QUALITY", "amount", "1234.56", "description", "pumps leak"));
        assertThat(d.status()).as(d.raw()).isEqualTo(201);

        JsonNode statement = get(FINANCE, "/api/customers/" + x.customerId() + "/statement?asOf=" + today()).body();

        assertThat(statement.path("invoices").findValuesAsText("invoiceNumber")).containsExactly(x.a(), x.b());
        assertThat(statement.path("invoices").get(0).path("total").decimalValue()).isEqualByComparingTo("6072.54");
        assertThat(statement.path("invoices").get(0).path("disputed").decimalValue()).isEqualByComparingTo("1234.56");
        assertThat(statement.path("invoices").get(0).path("undisputed").decimalValue()).isEqualByComparingTo("4825.78");
        assertThat(statement.path("invoices").get(1).path("undisputed").decimalValue()).isEqualByComparingTo("400.00");
        JsonNode cny = statement.path("totals").get(0);
        assertThat(cny.path("total").decimalValue()).isEqualByComparingTo("6472.54");
        assertThat(cny.path("undisputed").decimalValue()).isEqualByComparingTo("5225.78");
        // as of the day before the dispute nothing was disputed: everything owed then is asked for
        JsonNode before = get(FINANCE, "/api/customers/" + x.customerId() + "/statement?asOf=" + today().minusDays(1))
            .body();
        assertThat(before.path("totals").get(0).path("undisputed").decimalValue())
            .isEqualByComparingTo(before.path("totals").get(0).path("total").decimalValue());
    }

    /**
     * A payment that went partly to an invoice settled since shows every allocation: the settled invoice named as
     * such (not listed as owing), the open one as before; totals unchanged. No interest anywhere (nothing overdue):
     * A 1,000.00 due in 10 days, B 500.00 due in 15 days; 1,200.00 naming A 5 days ago pays A 1,000.00 (settled)
     * and the 200.00 left goes to B (oldest due date first): B owes 300.00, the customer has no credit.
     */
    @Test
    public void aPaymentShowsThePartThatSettledAnInvoiceAsSettled() throws Exception {
        String customerId = customer("Beta", "en");
        String a = createInvoice(customerId, "1000.00", "CNY", today().minusDays(20), today().plusDays(10));
        String b = createInvoice(customerId, "500.00", "CNY", today().minusDays(15), today().plusDays(15));
        String payment = pay(payment(a, "1200.00", today().minusDays(5)));

        Response r = get(FINANCE, "/api/customers/" + customerId + "/statement?asOf=" + today());

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("invoices").findValuesAsText("invoiceNumber")).containsExactly(b);
        var p = r.body().path("payments");
        assertThat(p).hasSize(1);
        assertThat(p.get(0).path("paymentReference").asText()).isEqualTo(payment);
        var applied = p.get(0).path("applied");
        assertThat(applied.findValuesAsText("invoiceNumber")).containsExactly(a, b);
        assertThat(applied.findValuesAsText("status")).containsExactly("SETTLED", "OPEN");
        assertThat(applied.get(0).path("amount").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(applied.get(1).path("amount").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(p.get(0).path("heldAsCredit").decimalValue()).isEqualByComparingTo("0.00");
        var total = r.body().path("totals").get(0);
        assertThat(total.path("total").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(total.path("credit").decimalValue()).isEqualByComparingTo("0.00");

        String text = text(pdf(FINANCE, "/api/customers/" + customerId + "/statement?asOf=" + today()).getBody());
        // the PDF's column may break a long invoice number after its hyphen ("INV-256868614- 1026"): compared without
        // the white space the extraction puts in
        assertThat(text.replaceAll("\\s+", "")).contains((a + " 1,000.00 CNY (settled); " + b + " 200.00 CNY")
            .replaceAll("\\s+", ""));
    }

    /**
     * A prepayment: 300.00 naming N received 20 days ago, N (800.00, due in 20 days) issued 10 days ago. As of 15
     * days ago the statement shows the money as held for N (no invoice owing, no total); from N's issue date on
     * the figures are as before: N paid 300.00, owes 500.00, the payment applied to it.
     */
    @Test
    public void aPrepaymentBeforeItsInvoiceIsIssuedShowsAsHeldForThatInvoice() throws Exception {
        String customerId = customer("Gamma", "zh");
        String n = createInvoice(customerId, "800.00", "CNY", today().minusDays(10), today().plusDays(20));
        String payment = pay(payment(n, "300.00", today().minusDays(20)));

        Response before = get(FINANCE, "/api/customers/" + customerId + "/statement?asOf=" + today().minusDays(15));

        assertThat(before.status()).as(before.raw()).isEqualTo(200);
        assertThat(before.body().path("invoices")).isEmpty();
        var p = before.body().path("payments");
        assertThat(p.findValuesAsText("paymentReference")).containsExactly(payment);
        assertThat(p.get(0).path("applied").findValuesAsText("invoiceNumber")).containsExactly(n);
        assertThat(p.get(0).path("applied").findValuesAsText("status")).containsExactly("NOT_YET_ISSUED");
        assertThat(p.get(0).path("applied").get(0).path("amount").decimalValue()).isEqualByComparingTo("300.00");
        String text = text(pdf(FINANCE, "/api/customers/" + customerId + "/statement?asOf="
            + today().minusDays(15)).getBody());
        assertThat(text).contains(payment, n + " 300.00 CNY（发票尚未开具，款项暂存）");

        Response after = get(FINANCE, "/api/customers/" + customerId + "/statement?asOf=" + today().minusDays(10));
        assertThat(after.body().path("invoices").findValuesAsText("invoiceNumber")).containsExactly(n);
        assertThat(after.body().path("invoices").get(0).path("paid").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(after.body().path("invoices").get(0).path("total").decimalValue()).isEqualByComparingTo("500.00");
        assertThat(after.body().path("payments").get(0).path("applied").findValuesAsText("status"))
            .containsExactly("OPEN");
        assertThat(after.body().path("totals").get(0).path("total").decimalValue()).isEqualByComparingTo("500.00");
    }

    Map<String, Object> payment(String invoiceNumber, String amount, LocalDate receivedOn) {
        return Map.of("paymentReference", unique("PAY"), "invoiceNumber", invoiceNumber, "amount", amount,
            "currency", "CNY", "receivedOn", receivedOn.toString(), "method", "BANK_TRANSFER");
    }

    String pay(Map<String, Object> body) {
        Response r = post(INTEGRATION, "/api/payments", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return (String) body.get("paymentReference");
    }

    /** 对账单: a customer who reads Chinese gets the statement and its e-mail in Chinese, in the embedded CJK font. */
    @Test
    public void aChineseCustomerGetsAChineseStatementAndEmail() throws Exception {
        Example x = example(customer("华东机械有限公司", "zh"));

        ResponseEntity<byte[]> r = pdf(SUPERVISOR, "/api/customers/" + x.customerId() + "/statement?asOf=" + today());

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        String text = text(r.getBody());
        String chineseDate = today().getYear() + "年" + today().getMonthValue() + "月" + today().getDayOfMonth() + "日";
        assertThat(text).contains("对账单（截至 " + chineseDate + "）", "华东机械有限公司 " + x.customerId(), "未结发票",
            "已收款项", "减免及冲减", "红字发票", "欠款合计", x.a(), x.b(), "6,072.54 CNY", "39.66 CNY", "400.00 CNY",
            "截至 " + chineseDate + " 欠款合计：6,472.54 CNY")
            .doesNotContain("STATEMENT OF ACCOUNT", "Open invoices");
        assertThat(new String(r.getBody(), java.nio.charset.StandardCharsets.ISO_8859_1))
            .containsPattern("/BaseFont\\s*/[A-Z]{6}\\+NotoSansSC").as("every font is embedded")
            .doesNotContain("/Helvetica");

        Response sent = post(COLLECTOR, "/api/customers/" + x.customerId() + "/statement/sendings",
            Map.of("recipient", "ap@huadong.example"));
        assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
        var mail = jdbc.sql("SELECT subject, body FROM outbox WHERE customer_id = ? AND kind = ?")
            .params(x.customerId(), Outbox.STATEMENT_OF_ACCOUNT).query((rs, n) -> List.of(rs.getString(1),
                rs.getString(2))).single();
        assertThat(mail.get(0)).isEqualTo("对账单（截至 " + chineseDate + "）- 请核对确认");
        assertThat(mail.get(1)).startsWith("华东机械有限公司 " + x.customerId() + "：")
            .contains("发票 " + x.a() + "，到期日 ", "CNY 欠款合计：6,472.54 CNY", "如已付款")
            .doesNotContain("{", "Dear");
        assertThat(text(pdf(COLLECTOR, sent.headers().getLocation().getPath()).getBody())).contains("未结发票");
    }

    @Test
    public void badDatesUnknownCustomersAndOtherGroupsAreRefused() {
        String customerId = createCustomer();
        Response bad = get(COLLECTOR, "/api/customers/" + customerId + "/statement?asOf=yesterday");
        assertProblem(bad, 400);
        assertThat(errorFields(bad)).containsExactly("asOf");
        assertProblem(get(COLLECTOR, "/api/customers/" + unique("NOPE") + "/statement"), 404);
        assertProblem(get(LEGAL, "/api/customers/" + customerId + "/statement"), 403);
        assertThat(get(null, "/api/customers/" + customerId + "/statement").status()).isEqualTo(401);
        ResponseEntity<byte[]> missing = pdf(COLLECTOR, "/api/customers/" + unique("NOPE") + "/statement");
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
    }

    /** Two requests at once (or two invoices reaching formal demand in two job threads): one sending, no 5xx. */
    @Test
    public void twoSendingsAtOnceAreOneSendingAndOneReplay() throws Exception {
        Example x = example();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Response>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return post(COLLECTOR, "/api/customers/" + x.customerId() + "/statement/sendings",
                        Map.of("recipient", "ap@acme.example"));
                }));
            }
            go.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var call : calls) {
                statuses.add(call.get(60, java.util.concurrent.TimeUnit.SECONDS).status());
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(statementMails(x.customerId())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM statement_sendings WHERE customer_id = ?").param(x.customerId())
            .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    public void sentOnRequestToTheFinanceContact_onceADay_keptAsEvidence() throws Exception {
        Example x = example();
        Response patched = exchange(SUPERVISOR, HttpMethod.PATCH, "/api/customers/" + x.customerId(),
            Map.of("email", "ap@acme.example", "contacts", List.of(Map.of("role", "FINANCE_CONTACT", "name", "Mr. Zhou",
                "email", "zhou@acme.example"))), MediaType.APPLICATION_JSON);
        assertThat(patched.status()).as(patched.raw()).isEqualTo(200);

        Response sent = post(COLLECTOR, "/api/customers/" + x.customerId() + "/statement/sendings", null);

        assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
        assertThat(sent.body().path("recipient").asText()).isEqualTo("zhou@acme.example");
        assertThat(sent.body().path("reason").asText()).isEqualTo("REQUEST");
        assertThat(statementMails(x.customerId())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT body FROM outbox WHERE customer_id = ? AND kind = ?")
            .params(x.customerId(), Outbox.STATEMENT_OF_ACCOUNT).query(String.class).single())
            .contains("Total owed in CNY: 6,472.54 CNY");

        Response again = post(COLLECTOR, "/api/customers/" + x.customerId() + "/statement/sendings", null);
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().path("id").asLong()).isEqualTo(sent.body().path("id").asLong());
        assertThat(statementMails(x.customerId())).isEqualTo(1);

        ResponseEntity<byte[]> evidence = pdf(COLLECTOR, sent.headers().getLocation().getPath());
        assertThat(evidence.getStatusCode().value()).isEqualTo(200);
        assertThat(evidence.getHeaders().getFirst("X-Content-SHA256")).isEqualTo(sent.body().path("sha256").asText());
        assertThat(text(evidence.getBody())).contains("6,472.54 CNY");

        Response other = post(COLLECTOR, "/api/customers/" + x.customerId() + "/statement/sendings",
            Map.of("recipient", "boss@acme.example"));
        assertThat(other.status()).as(other.raw()).isEqualTo(201);
        Response badRecipient = post(COLLECTOR, "/api/customers/" + x.customerId() + "/statement/sendings",
            Map.of("recipient", "boss"));
        assertProblem(badRecipient, 400);
        assertThat(errorFields(badRecipient)).containsExactly("recipient");
    }

    @Test
    public void noAddressToSendToIsAConflict_unknownCustomerNotFound_legalForbidden() {
        String customerId = createCustomer();
        assertProblem(post(COLLECTOR, "/api/customers/" + customerId + "/statement/sendings", null), 409);
        assertProblem(post(COLLECTOR, "/api/customers/" + unique("NOPE") + "/statement/sendings", null), 404);
        assertProblem(post(LEGAL, "/api/customers/" + customerId + "/statement/sendings", null), 403);
    }

    @Test
    public void theFormalDemandSendsTheStatementOncePerCustomerAndDay() {
        Example x = example();
        Invoice a = invoices.find(x.a()).orElseThrow();
        Invoice b = invoices.find(x.b()).orElseThrow();
        var customer = customers.find(x.customerId()).orElseThrow();
        LateCharges none = LateCharges.of(statementService.basis(a, today()), today(), null);

        letters.create(a, customer, statementService.statement(a, today()), none, today(), 1);
        letters.create(a, customer, statementService.statement(a, today()), none, today(), 1); // a retried job
        letters.create(b, customer, statementService.statement(b, today()), none, today(), 1);

        assertThat(count("SELECT COUNT(*) FROM statement_sendings WHERE customer_id = ? AND reason = 'FORMAL_DEMAND'"
            + " AND invoice_number = ? AND as_of = ?", x.customerId(), x.a(), today())).isEqualTo(1);
        assertThat(statementMails(x.customerId())).isEqualTo(1);
        // without an address the e-mail waits, and the owner gets the contact-problem task for it
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE customer_id = ? AND kind = ? AND recipient IS NULL",
            x.customerId(), Outbox.STATEMENT_OF_ACCOUNT)).isEqualTo(1);
    }

    @Test
    public void aConfirmedStatementAcknowledgesEveryListedInvoiceAndRestartsItsLimitation() {
        Example x = example();
        LocalDate oldLimitation = LocalDate.parse(get(FINANCE, "/api/invoices/" + x.a()).body()
            .path("limitationDate").asText());
        assertThat(oldLimitation).isEqualTo(today().minusDays(20).plusYears(3)); // the part payment

        Map<String, Object> body = Map.of("statementDate", today().toString(), "confirmedBy", "Mr. Zhou",
            "note", "signed and sealed copy received");
        Response r = post(COLLECTOR, "/api/customers/" + x.customerId() + "/statement/confirmations", body);

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("confirmedOn").asText()).isEqualTo(today().toString());
        assertThat(r.body().path("totals").path("CNY").decimalValue()).isEqualByComparingTo("6472.54");
        assertThat(r.body().path("invoices").findValuesAsText("invoiceNumber")).containsExactly(x.a(), x.b());
        // A restarts from the confirmation; B is not due yet: its period has not even begun to run
        assertThat(r.body().path("invoices").findValuesAsText("limitationDate")).containsExactly(
            today().plusYears(3).toString(), today().plusDays(20).plusYears(3).toString());
        assertThat(get(FINANCE, "/api/invoices/" + x.a()).body().path("limitationDate").asText())
            .isEqualTo(today().plusYears(3).toString());
        assertThat(count("SELECT COUNT(*) FROM acknowledgements WHERE invoice_number IN (?, ?) AND source = "
            + "'STATEMENT_CONFIRMED'", x.a(), x.b())).isEqualTo(2);

        Response replay = post(COLLECTOR, "/api/customers/" + x.customerId() + "/statement/confirmations", body);
        assertThat(replay.status()).as(replay.raw()).isEqualTo(200);
        assertThat(replay.body().path("id").asLong()).isEqualTo(r.body().path("id").asLong());
        assertThat(count("SELECT COUNT(*) FROM acknowledgements WHERE invoice_number IN (?, ?) AND source = "
            + "'STATEMENT_CONFIRMED'", x.a(), x.b())).isEqualTo(2);
        assertProblem(post(INTEGRATION, "/api/customers/" + x.customerId() + "/statement/confirmations",
            Map.of("statementDate", today().toString(), "confirmedBy", "Somebody else")), 409);
    }

    @Test
    public void confirmationsWithBadFieldsUnknownCustomersOrFromOtherGroupsAreRefused() {
        Example x = example();
        String path = "/api/customers/" + x.customerId() + "/statement/confirmations";

        Response future = post(COLLECTOR, path, Map.of("statementDate", today().plusDays(1).toString()));
        assertProblem(future, 400);
        assertThat(errorFields(future)).containsExactly("statementDate");
        Response bad = post(COLLECTOR, path, Map.of("confirmedOn", "soon", "confirmedBy", "x".repeat(201)));
        assertProblem(bad, 400);
        assertThat(errorFields(bad)).containsExactlyInAnyOrder("statementDate", "confirmedOn", "confirmedBy");
        Response before = post(COLLECTOR, path, Map.of("statementDate", today().toString(),
            "confirmedOn", today().minusDays(1).toString()));
        assertProblem(before, 400);
        assertThat(errorFields(before)).containsExactly("confirmedOn");
        Response nothingOpen = post(COLLECTOR, path, Map.of("statementDate", today().minusDays(90).toString()));
        assertProblem(nothingOpen, 400);
        assertThat(errorFields(nothingOpen)).containsExactly("statementDate");
        assertThat(count("SELECT COUNT(*) FROM statement_confirmations WHERE customer_id = ?", x.customerId())).isZero();

        Map<String, Object> ok = Map.of("statementDate", today().toString());
        assertProblem(post(COLLECTOR, "/api/customers/" + unique("NOPE") + "/statement/confirmations", ok), 404);
        assertProblem(post(SUPERVISOR, path, ok), 403);
        assertProblem(post(FINANCE, path, ok), 403);
        assertThat(post(null, path, ok).status()).isEqualTo(401);
    }

    @Test
    public void anInstalmentAgreementRestartsTheLimitationPeriod() {
        String customerId = createCustomer();
        String number = unique("INV");
        Response r = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", customerId,
            "issueDate", today().minusDays(35).toString(), "dueDate", today().minusDays(5).toString(),
            "amount", "1000.00", "currency", "CNY", "contractInterestRatePercent", "0"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        runDueJobsOfCase(number);
        assertThat(get(FINANCE, "/api/invoices/" + number).body().path("limitationDate").asText())
            .isEqualTo(today().minusDays(5).plusYears(3).toString());

        Map<String, Object> plan = new HashMap<>();
        plan.put("instalments", List.of(Map.of("dueDate", today().plusDays(10).toString(), "amount", "500.00"),
            Map.of("dueDate", today().plusDays(40).toString(), "amount", "500.00")));
        plan.put("note", "two halves");
        Response agreed = post(COLLECTOR, "/api/invoices/" + number + "/agreements", plan);
        assertThat(agreed.status()).as(agreed.raw()).isEqualTo(201);

        assertThat(get(FINANCE, "/api/invoices/" + number).body().path("limitationDate").asText())
            .isEqualTo(today().plusYears(3).toString());
    }

    int statementMails(String customerId) {
        return count("SELECT COUNT(*) FROM outbox WHERE customer_id = ? AND kind = ?", customerId,
            Outbox.STATEMENT_OF_ACCOUNT);
    }

    ResponseEntity<byte[]> pdf(String user, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_PDF));
        return rest.withBasicAuth(user, PASSWORD).exchange(path, HttpMethod.GET, new HttpEntity<>(headers),
            byte[].class);
    }

    static String text(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        StringBuilder all = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            all.append(new PdfTextExtractor(reader).getTextFromPage(page)).append(' ');
        }
        return all.toString().replaceAll("\\s+", " ");
    }
}
