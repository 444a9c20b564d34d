package com.collectwise.communication;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.limitation.Interruption;
import com.collectwise.limitation.InterruptionSource;

/** What the documents tell the limitation period (communication owns the documents table). */
@Configuration
class DemandInterruptions {

    /**
     * A demand counts only with proof of delivery. The table keeps no delivery date, so the letter's date is
     * taken: never later than the real one, the safe side for the limitation date.
     */
    @Bean
    InterruptionSource deliveredDemands(JdbcClient jdbc, BusinessClock clock) {
        return invoice -> jdbc.sql("SELECT created_at FROM documents WHERE invoice_number = ? AND delivery_status = 'DELIVERED'")
            .param(invoice).query((rs, n) -> new Interruption(
                rs.getTimestamp(1).toInstant().atZone(clock.zone()).toLocalDate(), "DELIVERED_DEMAND")).list();
    }
}
