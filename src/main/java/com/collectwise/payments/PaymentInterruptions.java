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

    /** Every payment applied to the invoice acknowledges the debt (a full payment ends the case anyway). */
    @Bean
    InterruptionSource paymentAcknowledgements(JdbcClient jdbc) {
        return invoice -> jdbc.sql("SELECT received_on FROM payments WHERE invoice_number = ? AND status = 'APPLIED'")
            .param(invoice).query((rs, n) -> new Interruption(rs.getObject(1, LocalDate.class), "PAYMENT")).list();
    }
}
