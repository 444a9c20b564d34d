package com.collectwise.kernel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * "Now" and "today" of the collection department. Reads the engine clock so that process tests
 * that move Camunda's clock move the domain's clock too; dates are taken in the company's zone.
 */
@Component
public class BusinessClock {

    private final ZoneId zone;

    @Autowired
    public BusinessClock(CompanySettings settings) {
        this.zone = settings.zone();
    }

    public BusinessClock(String zone) {
        this.zone = ZoneId.of(zone);
    }

    public Instant now() {
        return CaseEngine.engineTime();
    }

    public ZonedDateTime nowZoned() {
        return now().atZone(zone);
    }

    public LocalDate today() {
        return nowZoned().toLocalDate();
    }

    public ZoneId zone() {
        return zone;
    }
}
