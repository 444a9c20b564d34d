package com.collectwise.reporting;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.collectwise.api.AsOf;
import com.collectwise.kernel.BusinessClock;

/** GET /api/reports/aging?asOf=yyyy-MM-dd (finance, supervisors; default: today). A bad date, or one outside
 * 2000-01-01 .. today + 10 years, is a 400 naming asOf (see {@link AsOf}). */
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
        return reports.report(AsOf.report(asOf, clock.today()));
    }
}
