package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.collectwise.cases.ImportCaseStarter;

/**
 * Money posted for invoices of a large import before the import stored them waits for them; it is applied when their
 * cases start, batch by batch (two invoices per batch in the test profile), the waiting money of a batch read with its
 * customer's payments (bench/results/TUNING.md, row 52). Four invoices of 100.00, 40.00 waiting for the second and
 * 70.00 for the fourth: 100.00, 60.00, 100.00, 30.00 owed, each payment applied once.
 */
class ImportBatchWaitingMoneyApiTest extends ApiTestSupport {

    @Autowired
    private ImportCaseStarter starter;

    @Test
    void moneyWaitingForImportedInvoicesIsAppliedWhenTheirCasesStart() {
        String customerId = createCustomer();
        List<String> numbers = new ArrayList<>();
        StringBuilder csv = new StringBuilder("invoiceNumber,customerId,issueDate,dueDate,amount,currency\n");
        for (int i = 0; i < 4; i++) {
            String number = unique("BIG");
            numbers.add(number);
            csv.append(number).append(',').append(customerId).append(',').append(today().minusDays(10))
                .append(',').append(today().plusDays(20)).append(",100.00,CNY\n");
        }
        String second = unique("PAY");
        String fourth = unique("PAY");
        assertThat(pay(second, numbers.get(1), "40.00").status()).isEqualTo(202);
        assertThat(pay(fourth, numbers.get(3), "70.00").status()).isEqualTo(202);
        Response imported = postCsv(INTEGRATION, "/api/invoices/import", csv.toString());
        assertThat(imported.body().path("status").asText()).as(imported.raw()).isEqualTo("STARTING_CASES");

        assertThat(starter.startPending()).isEqualTo(4);

        assertThat(numbers.stream().map(this::outstanding).map(java.math.BigDecimal::toPlainString).toList())
            .containsExactly("100.00", "60.00", "100.00", "30.00");
        for (String reference : List.of(second, fourth)) {
            assertThat(count("SELECT COUNT(*) FROM payments WHERE payment_reference = ? AND status = 'APPLIED'",
                reference)).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM payment_allocations WHERE payment_reference = ?", reference))
                .isPositive();
        }
        assertThat(numbers).allMatch(this::caseRunning);
    }

    private Response pay(String reference, String invoiceNumber, String amount) {
        return post(FINANCE, "/api/payments", Map.of("paymentReference", reference, "invoiceNumber", invoiceNumber,
            "amount", amount, "currency", "CNY", "receivedOn", today().minusDays(1).toString(),
            "method", "BANK_TRANSFER"));
    }

    private java.math.BigDecimal outstanding(String number) {
        Response view = get(FINANCE, "/api/invoices/" + number);
        assertThat(view.status()).as(view.raw()).isEqualTo(200);
        return view.body().path("outstanding").path("total").decimalValue();
    }
}
