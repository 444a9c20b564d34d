package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The undisputed part of an invoice over HTTP: what the invoice would owe if its open disputes ended in credit notes
 * (a credit note reduces the invoice from its due date), so the interest that ran on the disputed part is not asked
 * for. DOMAIN.md section 5, docs/money.md.
 */
public class UndisputedAmountApiTest extends ApiTestSupport {

    private static Map<String, Object> dispute(String category, Object amount) {
        return Map.of("category", category, "amount", amount, "description", "two pallets damaged");
    }

    /** 10,000.00 CNY at a contract rate of 6.75% (LPR 4.5% x 1.5), due 40 days ago. */
    private String invoice(String customerId) {
        String number = unique("INV");
        Map<String, Object> body = new HashMap<>();
        body.put("invoiceNumber", number);
        body.put("customerId", customerId);
        body.put("issueDate", today().minusDays(70).toString());
        body.put("dueDate", today().minusDays(40).toString());
        body.put("amount", "10000.00");
        body.put("currency", "CNY");
        body.put("contractInterestRatePercent", "6.75");
        Response r = post(INTEGRATION, "/api/invoices", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return number;
    }

    @Test
    void theUndisputedPartLeavesOutTheInterestOnTheDisputedAmount() {
        String number = invoice(createCustomer());
        // 40 days on 10,000.00 at 6.75%: 73.972603 -> 73.97
        Response before = get(INTEGRATION, "/api/invoices/" + number);
        assertThat(before.body().path("outstanding").path("total").decimalValue()).isEqualByComparingTo("10073.97");

        Response first = post(COLLECTOR, "/api/invoices/" + number + "/disputes", dispute("QUALITY", "3000.00"));
        assertThat(first.status()).as(first.raw()).isEqualTo(201);

        // what the customer is asked for is as if 3,000.00 were credited from the due date: 7,000.00 + 40 days at
        // 6.75% (51.780822 -> 51.78) = 7,051.78; not 10,073.97 - 3,000.00 = 7,073.97, which holds the 22.19
        // interest on the disputed part. A further dispute is about the goods, credited as principal when accepted:
        // at most the 7,000.00 of principal not disputed yet (7,051.78 would hold 51.78 of interest that no credit
        // note of the principal could ever take away: it falls with the credit of its principal)
        Response tooMuch = post(COLLECTOR, "/api/invoices/" + number + "/disputes", dispute("PRICE", "7000.01"));
        assertProblem(tooMuch, 400);
        assertThat(errorFields(tooMuch)).containsExactly("amount");
        assertThat(tooMuch.raw()).contains("undisputed outstanding principal 7000.00 CNY")
            .contains("undisputed outstanding amount 7051.78 CNY");
        Response withInterest = post(COLLECTOR, "/api/invoices/" + number + "/disputes", dispute("PRICE", "7051.78"));
        assertProblem(withInterest, 400);
        assertThat(errorFields(withInterest)).containsExactly("amount");

        Response view = get(INTEGRATION, "/api/invoices/" + number);
        assertThat(view.body().path("disputed").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(view.body().path("outstanding").path("total").decimalValue()).isEqualByComparingTo("10073.97");

        // the rest of the principal can be disputed to the cent: then nothing is undisputed
        Response rest = post(COLLECTOR, "/api/invoices/" + number + "/disputes", dispute("PRICE", "7000.00"));
        assertThat(rest.status()).as(rest.raw()).isEqualTo(201);
        Response more = post(COLLECTOR, "/api/invoices/" + number + "/disputes", dispute("OTHER", "0.01"));
        assertProblem(more, 400);
        assertThat(more.raw()).contains("principal 0.00 CNY").contains("amount 0.00 CNY");
        assertThat(get(INTEGRATION, "/api/invoices/" + number).body().path("disputed").decimalValue())
            .isEqualByComparingTo("10000.00");
    }
}
