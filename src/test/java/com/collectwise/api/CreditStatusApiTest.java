package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;

class CreditStatusApiTest extends ApiTestSupport {

    @Autowired
    InvoiceRepository invoices;

    private BigDecimal total(String invoiceNumber) {
        return get(FINANCE, "/api/invoices/" + invoiceNumber).body().path("outstanding").path("total").decimalValue();
    }

    @Test
    void customerWithNothingOverdueIsOk() {
        String customerId = createCustomer();
        createInvoice(customerId, "500.00");

        Response r = get(INTEGRATION, "/api/customers/" + customerId + "/credit-status");

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("customerId").asText()).isEqualTo(customerId);
        assertThat(r.body().path("status").asText()).isEqualTo("OK");
        assertThat(r.body().path("overdueTotal").toString()).isEqualTo("0.00");
        assertThat(r.body().path("currency").asText()).isEqualTo("CNY");
    }

    @Test
    void overdueAmountsAreSummedAndFormalDemandHoldsCredit() {
        String customerId = createCustomer();
        String a = createInvoice(customerId, "500.00", "CNY", today().minusDays(60), today().minusDays(30));
        String b = createInvoice(customerId, "250.00", "CNY", today().minusDays(40), today().minusDays(10));
        createInvoice(customerId, "999.00", "CNY", today().minusDays(5), today().plusDays(25));
        createInvoice(customerId, "70.00", "EUR", today().minusDays(50), today().minusDays(20));

        Response ok = get(FINANCE, "/api/customers/" + customerId + "/credit-status");
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        assertThat(ok.body().path("currency").asText()).isEqualTo("CNY");
        assertThat(ok.body().path("overdueTotal").decimalValue()).isEqualByComparingTo(total(a).add(total(b)));
        assertThat(ok.body().path("otherCurrencies").get(0).path("currency").asText()).isEqualTo("EUR");

        invoices.updateStage(b, Stage.FORMAL_DEMAND);
        Response hold = get(SUPERVISOR, "/api/customers/" + customerId + "/credit-status");

        assertThat(hold.body().path("status").asText()).isEqualTo("HOLD");
    }

    @Test
    void unknownCustomerIsNotFound() {
        assertProblem(get(INTEGRATION, "/api/customers/" + unique("NOPE") + "/credit-status"), 404);
    }
}
