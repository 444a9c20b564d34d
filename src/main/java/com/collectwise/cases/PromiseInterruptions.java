package com.collectwise.cases;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.limitation.Interruption;
import com.collectwise.limitation.InterruptionSource;

/** What the promises tell the limitation period (the promise book owns the table). */
@Configuration
class PromiseInterruptions {

    /** A promise to pay is an acknowledgement on the day it was given. */
    @Bean
    InterruptionSource promiseAcknowledgements(JdbcClient jdbc, BusinessClock clock) {
        return invoice -> jdbc.sql("SELECT created_at FROM promises WHERE invoice_number = ?").param(invoice)
            .query((rs, n) -> new Interruption(rs.getTimestamp(1).toInstant().atZone(clock.zone()).toLocalDate(),
                "PROMISE")).list();
    }
}
