package com.collectwise.cases;

import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Stage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.collectwise.agreements.Agreement;
import com.collectwise.agreements.Instalment;
import com.collectwise.disputes.Dispute;
import com.collectwise.disputes.DisputeCategory;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A collection case as the API shows it, figures as of {@code asOf}. Empty parts are shown as null or
 * [] (not left out), so that a client can tell "no agreement" from "field not supported".
 * {@code promisesKept}/{@code promisesBroken} count the promises of the customer on all its invoices (its
 * payment habits); {@code disputed} is the sum of the open disputes, which dunning does not ask for. As of a past
 * date the view shows the promises, plan and disputes that existed at the end of that day with their status then,
 * and the stage and status then (the case's dated history, {@code kernel.CaseHistory}).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CaseView(String invoiceNumber, String customerId, CaseStatus status, Stage stage, LocalDate dueDate,
                       long daysOverdue, String collector, String currency, Outstanding outstanding,
                       LocalDate limitationDate, List<PromiseView> promises, int promisesKept, int promisesBroken,
                       AgreementView agreement, List<DisputeView> disputes, BigDecimal disputed, LocalDate asOf,
                       InterestBasisView interestBasis) {

    /**
     * Which interest rate the invoice bears and why. {@code source}: CONTRACT, SEGMENT, STATUTORY_CN, STATUTORY_EU,
     * UNKNOWN (a rate applies but the reference table lacks it: the interest shown is incomplete until finance
     * enters it) or NONE (no rate in any jurisdiction we know; the description says why). {@code annualPercent} is
     * the rate of the as-of date (of the first late day while not yet late), null when none is known.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record InterestBasisView(String source, String description, BigDecimal annualPercent) {
    }

    /** What is still unpaid as of the date, per component, at the currency's minor unit (JPY 0 decimals, KWD 3). */
    public record Outstanding(BigDecimal principal, BigDecimal interest, BigDecimal fees, BigDecimal total) {
    }

    public record PromiseView(long id, BigDecimal amount, String currency, LocalDate promisedDate, String note, String status,
                              String createdBy, Instant createdAt) {
    }

    /** An instalment agreement with its schedule; status PROPOSED, ACTIVE, KEPT, ACCELERATED or REJECTED. */
    public record AgreementView(long id, String status, BigDecimal total, String currency, LocalDate startsOn,
                                String note, String source, String createdBy, String approvedBy,
                                List<Instalment> instalments, boolean waiveInterest, LocalDate demandUntil) {

        /** Amounts as the repository reads them: at the currency's minor unit (JPY 1000, KWD 5.250). */
        public static AgreementView of(Agreement a) {
            return new AgreementView(a.id(), a.status(), a.total(), a.currency(), a.startsOn(), a.note(),
                a.source(), a.createdBy(), a.approvedBy(), a.instalments().stream()
                    .map(i -> new Instalment(i.seq(), i.dueDate(), i.amount())).toList(), a.waiveInterest(),
                a.demandUntil());
        }
    }

    /**
     * A dispute; status OPEN, CREDIT_NOTE, REJECTED or CLOSED (undecided: its case ended by a write-off or a sale). {@code amount} is the disputed amount as raised; {@code
     * credited} what credit notes posted over the API settled of it ({@code creditNotes}, by number and date),
     * {@code openAmount} what is still disputed (zero once decided).
     */
    public record DisputeView(long id, DisputeCategory category, BigDecimal amount, String currency,
                              String description, String status, String source, String raisedBy, Instant raisedAt,
                              String resolution, BigDecimal credited, BigDecimal openAmount,
                              java.util.List<com.collectwise.disputes.DisputeCredit> creditNotes) {

        public static DisputeView of(Dispute d) {
            return new DisputeView(d.id(), d.category(), d.amount(), d.currency(), d.description(), d.status(),
                d.source(), d.raisedBy(), d.raisedAt(), d.resolution(),
                com.collectwise.money.Money.stored(d.credited(), d.currency()),
                com.collectwise.money.Money.stored(d.open(), d.currency()), d.credits());
        }
    }
}
