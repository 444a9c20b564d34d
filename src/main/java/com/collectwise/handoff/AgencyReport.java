package com.collectwise.handoff;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A report of the collection agency on a case it works, as checked from the webhook call. */
public record AgencyReport(String invoiceNumber, String agencyReference, String reportId, AgencyReportStatus status,
                           BigDecimal amountCollected, LocalDate reportedOn) {

    /** The payment that books the collected money; its reference makes the booking idempotent too. */
    public String paymentReference() {
        return "AGENCY-" + reportId;
    }
}
