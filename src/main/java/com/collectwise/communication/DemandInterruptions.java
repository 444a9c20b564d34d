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
     * A demand counts only with proof of delivery, from the day it was delivered ({@code delivered_on}, given with the
     * proof); a delivery recorded without its day (before V46, or none given) counts from the letter's date: never
     * later than the real one, the safe side for the limitation date.
     */
    @Bean
    InterruptionSource deliveredDemands(JdbcClient jdbc, BusinessClock clock) {
        return invoice -> jdbc.sql("""
                SELECT created_at, delivered_on FROM documents
                WHERE invoice_number = ? AND delivery_status = 'DELIVERED'""")
            .param(invoice).query((rs, n) -> {
                java.time.LocalDate deliveredOn = rs.getObject(2, java.time.LocalDate.class);
                return new Interruption(deliveredOn != null ? deliveredOn
                    : rs.getTimestamp(1).toInstant().atZone(clock.zone()).toLocalDate(), "DELIVERED_DEMAND");
            }).list();
    }
}
