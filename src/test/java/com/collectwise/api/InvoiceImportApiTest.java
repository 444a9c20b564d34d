package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvoiceImportApiTest extends ApiTestSupport {

    private static final String HEADER =
        "invoiceNumber,customerId,issueDate,dueDate,amount,currency,creditTermDays,contractInterestRatePercent\n";

    @Test
    void importsACleanFileAndStartsACasePerInvoice() {
        String customerId = createCustomer();
        String a = unique("IMP");
        String b = unique("IMP");
        String csv = HEADER
            + a + "," + customerId + ",2026-01-05,2026-02-04,1000.00,CNY,,\n"
            + "\n"
            + b + "," + customerId + ",2026-01-10,2026-03-11,\"2500.5\",CNY,60,8\n";

        Response r = postCsv(INTEGRATION, "/api/invoices/import", csv);

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("imported").asInt()).isEqualTo(2);
        assertThat(caseRunning(a)).isTrue();
        assertThat(caseRunning(b)).isTrue();
        assertThat(count("SELECT credit_term_days FROM invoices WHERE invoice_number = ?", a)).isEqualTo(30);
        assertThat(count("SELECT credit_term_days FROM invoices WHERE invoice_number = ?", b)).isEqualTo(60);
    }

    @Test
    void listsEveryBadLineAndImportsNothing() {
        String customerId = createCustomer();
        String existing = createInvoice(customerId, "10.00");
        String good = unique("IMP");
        String twice = unique("IMP");
        String csv = HEADER
            + good + "," + customerId + ",2026-01-05,2026-02-04,1000.00,CNY,,\n"                    // line 2: fine
            + twice + "," + customerId + ",2026-01-05,2026-02-04,abc,CNY,,\n"                      // 3: amount
            + twice + "," + customerId + ",2026-01-05,2026-02-04,5.00,CNY,,\n"                     // 4: dup in file
            + existing + "," + customerId + ",2026-01-05,2026-02-04,5.00,CNY,,\n"                  // 5: exists
            + unique("IMP") + ",NO-SUCH-CUSTOMER,2026-13-01,2026-02-04,5.00,yen,,\n"               // 6: three
            + unique("IMP") + "," + customerId + ",2026-01-05,2026-02-04,5.00\n";                  // 7: short line

        Response r = postCsv(INTEGRATION, "/api/invoices/import", csv);

        assertProblem(r, 400);
        var errors = r.body().path("errors");
        assertThat(errors.findValuesAsText("line")).containsExactly("3", "4", "5", "6", "6", "6", "7");
        assertThat(errors.toString()).contains("duplicates line 3", "is registered already");
        assertThat(errors.get(0).path("field").asText()).isEqualTo("amount");
        assertThat(errors.get(1).path("field").asText()).isEqualTo("invoiceNumber");
        assertThat(errors.get(2).path("field").asText()).isEqualTo("invoiceNumber");
        assertThat(count("SELECT COUNT(*) FROM invoices WHERE invoice_number IN (?, ?)", good, twice)).isZero();
        assertThat(caseRunning(good)).isFalse();
    }

    @Test
    void headerMustNameTheInvoiceFields() {
        Response r = postCsv(INTEGRATION, "/api/invoices/import",
            "invoice_no,customerId,issueDate,dueDate,amount,currency\nX-1,C,2026-01-01,2026-01-31,1,CNY\n");

        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactlyInAnyOrder("invoice_no", "invoiceNumber");
        assertThat(r.body().path("errors").findValuesAsText("line")).containsOnly("1");
    }

    @Test
    void emptyFileIsABadRequest() {
        assertProblem(postCsv(INTEGRATION, "/api/invoices/import", ""), 400);
    }

    @Test
    void onlyIntegrationMayImport() {
        assertProblem(postCsv(FINANCE, "/api/invoices/import", HEADER), 403);
    }
}
