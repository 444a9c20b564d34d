package com.collectwise.limitation;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.collectwise.kernel.BusinessClock;

/**
 * The interruptions the domain tables already hold: payments, promises, instalment agreements and confirmed
 * statements of account (acknowledgements of the debt), demand letters with proof of delivery. Suits filed are told
 * by the legal hand-off ({@code handoff.Lawsuits}), which sits above this package.
 */
@Configuration
public class DomainInterruptions {

    /** Every payment applied to the invoice acknowledges the debt (a full payment ends the case anyway). */
    @Bean
    InterruptionSource paymentAcknowledgements(JdbcClient jdbc) {
        return invoice -> jdbc.sql("SELECT received_on FROM payments WHERE invoice_number = ? AND status = 'APPLIED'")
            .param(invoice).query((rs, n) -> new Interruption(rs.getObject(1, LocalDate.class), "PAYMENT")).list();
    }

    /** A promise to pay is an acknowledgement on the day it was given. */
    @Bean
    InterruptionSource promiseAcknowledgements(JdbcClient jdbc, BusinessClock clock) {
        return invoice -> jdbc.sql("SELECT created_at FROM promises WHERE invoice_number = ?").param(invoice)
            .query((rs, n) -> new Interruption(day(rs.getTimestamp(1), clock), "PROMISE")).list();
    }

    /**
     * A demand counts only with proof of delivery. The table keeps no delivery date, so the letter's date is
     * taken: never later than the real one, the safe side for the limitation date.
     */
    @Bean
    InterruptionSource deliveredDemands(JdbcClient jdbc, BusinessClock clock) {
        return invoice -> jdbc.sql("SELECT created_at FROM documents WHERE invoice_number = ? AND delivery_status = 'DELIVERED'")
            .param(invoice).query((rs, n) -> new Interruption(day(rs.getTimestamp(1), clock), "DELIVERED_DEMAND")).list();
    }

    /**
     * The acknowledgements the customer gave: an instalment agreement (the customer asked for the plan), a confirmed
     * statement of account, and also promises and part payments (already counted above; a date counted twice changes
     * nothing, the latest restart wins).
     */
    @Bean
    InterruptionSource recordedAcknowledgements(JdbcClient jdbc) {
        return invoice -> jdbc.sql("SELECT acknowledged_on, source FROM acknowledgements WHERE invoice_number = ?")
            .param(invoice)
            .query((rs, n) -> new Interruption(rs.getObject(1, LocalDate.class), rs.getString(2))).list();
    }

    private static LocalDate day(Timestamp t, BusinessClock clock) {
        return t.toInstant().atZone(clock.zone()).toLocalDate();
    }

}
