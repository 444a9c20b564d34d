package com.collectwise.kernel;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bean Validation's "now" is the {@link BusinessClock}: {@code @PastOrPresent} on a request date means "not after
 * today" of the collection department, and moves with the engine clock in tests.
 */
@Configuration(proxyBeanMethods = false)
class BusinessClockValidation {

    @Bean
    ValidationConfigurationCustomizer businessClockForValidation(BusinessClock clock) {
        return configuration -> configuration.clockProvider(() -> new Clock() {
            @Override
            public ZoneId getZone() {
                return clock.zone();
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return Clock.fixed(instant(), zone);
            }

            @Override
            public Instant instant() {
                return clock.now();
            }
        });
    }
}
