package com.collectwise.agreements;

import java.time.LocalDate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.collectwise.limitation.Interruption;
import com.collectwise.limitation.InterruptionSource;

/** What the recorded acknowledgements tell the limitation period (this package owns the table). */
@Configuration
class AcknowledgementInterruptions {

    /**
     * The acknowledgements the customer gave: an instalment agreement (the customer asked for the plan), a confirmed
     * statement of account, and also promises (already counted by their own source; a date counted twice changes
     * nothing, the latest restart wins). Part payments are counted by the payments alone (PaymentInterruptions),
     * which know when one was reversed: a bounced payment acknowledged nothing, and its PARTIAL_PAYMENT row, kept as
     * evidence of what was recorded, does not name the payment.
     */
    @Bean
    InterruptionSource recordedAcknowledgements(JdbcClient jdbc) {
        return invoice -> jdbc.sql("SELECT acknowledged_on, source FROM acknowledgements WHERE invoice_number = ?"
                + " AND source <> '" + AcknowledgementService.PARTIAL_PAYMENT + "'")
            .param(invoice)
            .query((rs, n) -> new Interruption(rs.getObject(1, LocalDate.class), rs.getString(2))).list();
    }
}
