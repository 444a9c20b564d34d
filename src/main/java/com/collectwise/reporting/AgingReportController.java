package com.collectwise.reporting;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.collectwise.cases.BusinessClock;
import com.collectwise.fees.BadFieldException;

/** GET /api/reports/aging?asOf=yyyy-MM-dd (finance, supervisors; default: today). A bad date is a 400 naming asOf. */
@RestController
public class AgingReportController {

    private final AgingReportService reports;
    private final BusinessClock clock;

    public AgingReportController(AgingReportService reports, BusinessClock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping("/api/reports/aging")
    public AgingReport aging(@RequestParam(required = false) String asOf) {
        return reports.report(parseAsOf(asOf, clock));
    }

    /** Parsed here rather than by Spring so that the 400 names the parameter, like every other field error. */
    static LocalDate parseAsOf(String asOf, BusinessClock clock) {
        if (asOf == null) {
            return clock.today();
        }
        try {
            return LocalDate.parse(asOf.trim());
        } catch (DateTimeParseException e) {
            throw new BadFieldException("asOf", "must be a date yyyy-MM-dd");
        }
    }
}
