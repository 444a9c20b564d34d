package com.collectwise.handoff;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;


@RestController
public class AgencyReportController {

    private final AgencyReportService reports;

    public AgencyReportController(AgencyReportService reports) {
        this.reports = reports;
    }

    /**
     * 200 the case received the report (or it is a duplicate), 202 kept in the inbox because the case was
     * not waiting for a report, 404 no such case (the report is kept in the inbox all the same).
     */
    @PostMapping("/api/agency/reports")
    public ResponseEntity<?> receive(@Valid @RequestBody AgencyReportRequest request) {
        AgencyReportService.Result result = reports.receive(request.toReport());
        return switch (result.outcome()) {
            case CORRELATED, DUPLICATE -> ResponseEntity.ok(result);
            case KEPT -> ResponseEntity.status(HttpStatus.ACCEPTED).body(result);
            case UNKNOWN_CASE -> {
                // answered here rather than thrown, so that the inbox entry is committed
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no case for invoice "
                    + result.invoiceNumber() + "; the report is kept in the inbox");
                problem.setTitle("Unknown case");
                problem.setProperty("reportId", result.reportId());
                yield ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
            }
        };
    }
}
