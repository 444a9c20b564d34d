package com.collectwise.payments;

import java.time.LocalDate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.collectwise.limitation.Interruption;
import com.collectwise.limitation.InterruptionSource;

/** What the payments tell the limitation period (payments own the table; limitation asks every source). */
@Configuration
class PaymentInterruptions {

    /**
     * Every payment applied to the invoice acknowledges the debt (a full payment ends the case anyway): named for it,
     * or reaching it without naming it (the customer's money paying its open invoices, as posted:
     * payment_allocations). A reversed (bounced or recalled) payment was no payment: it counts as of dates before
     * its reversal only, as in the money replay (DOMAIN 5 and 7).
     */
    @Bean
    InterruptionSource paymentAcknowledgements(JdbcClient jdbc) {
        return invoice -> jdbc.sql("""
                SELECT p.received_on, p.reversed_on FROM payments p
                WHERE p.status = 'APPLIED' AND (p.invoice_number = ? OR EXISTS (SELECT 1 FROM payment_allocations a
                    WHERE a.payment_reference = p.payment_reference AND a.invoice_number = ?))""")
            .params(invoice, invoice).query((rs, n) -> new Interruption(rs.getObject(1, LocalDate.class), "PAYMENT",
                rs.getObject(2, LocalDate.class))).list();
    }
}
