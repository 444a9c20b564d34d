package com.collectwise.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.Invoice;
import com.collectwise.communication.Outbox;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;

/**
 * The formal dunning letter of the model (Task_SendDunningLetter) sends the customer's statement of account for
 * confirmation, through the letter service, with no element of its own in the model.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class StatementAtFormalDemandProcessTest extends CollectionTestSupport {

    @Test
    void theFormalDemandSendsTheStatementOfAccountForConfirmation() {
        setClock(at(2026, 3, 5, 10, 0));
        Customer customer = customer(Segment.DOMESTIC);
        Invoice invoice = invoice(customer, LocalDate.of(2026, 3, 3), 30, "12000.00");
        start(invoice, customer);
        assertThat(count(customer)).isZero();

        moveTo(at(2026, 3, 13, 9, 0));

        Map<String, Object> sending = jdbc.sql("SELECT reason, invoice_number, as_of, recipient FROM statement_sendings "
            + "WHERE customer_id = ?").param(customer.customerId()).query().singleRow();
        assertThat(sending.get("reason")).isEqualTo("FORMAL_DEMAND");
        assertThat(sending.get("invoice_number")).isEqualTo(invoice.invoiceNumber());
        assertThat(sending.get("as_of").toString()).isEqualTo("2026-03-13");
        assertThat(sending.get("recipient")).isEqualTo(customer.email());
        // CN statutory 4.5% p.a., 03-04 .. 03-13: 12,000.00 x 4.5 x 10 / 36500 = 14.794521 -> 14.79
        String mail = jdbc.sql("SELECT body FROM outbox WHERE customer_id = ? AND kind = ?")
            .params(customer.customerId(), Outbox.STATEMENT_OF_ACCOUNT).query(String.class).single();
        assertThat(mail).contains("invoice " + invoice.invoiceNumber()).contains("Total owed in CNY: 12,014.79 CNY");
        assertThat(outboxKinds(invoice)).as("the statement is the customer's message, not the case's")
            .doesNotContain(Outbox.STATEMENT_OF_ACCOUNT);
    }

    int count(Customer customer) {
        return jdbc.sql("SELECT COUNT(*) FROM statement_sendings WHERE customer_id = ?").param(customer.customerId())
            .query(Integer.class).single();
    }
}
