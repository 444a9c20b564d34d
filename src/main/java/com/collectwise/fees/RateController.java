package com.collectwise.fees;

import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.collectwise.api.FieldProblem;
import com.collectwise.api.InvalidRequestException;
import com.collectwise.api.AsOf;
import com.collectwise.api.IsoDates;
import com.collectwise.kernel.BusinessClock;

/**
 * The reference rate tables over HTTP: GET /api/rates/{lpr|ecb} (finance, supervisors), POST (finance) to add a
 * rate or correct one (same effectiveFrom again). Security is configured centrally (com.collectwise.security).
 */
@RestController
@RequestMapping("/api/rates")
public class RateController {

    /** A reference rate of 50% p.a. or more is a typo, not a central bank decision. */
    private static final BigDecimal MAX_RATE = new BigDecimal("50");
    /** The decimals of the rate columns (NUMERIC(9,4)): a rate is stored, answered and compared at this scale. */
    static final int SCALE = 4;
    /** Longer text is no rate of at most two digits and four decimals (and would be costly to parse). */
    static final int MAX_TEXT = 32;

    private final ReferenceRates rates;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final BusinessClock clock;

    public RateController(ReferenceRates rates, org.springframework.context.ApplicationEventPublisher events,
                          BusinessClock clock) {
        this.rates = rates;
        this.events = events;
        this.clock = clock;
    }

    /** Body of a POST; strings so that a bad value is reported by field instead of failing the whole body. */
    public record RateInput(Object effectiveFrom, Object ratePercent) {
    }

    @GetMapping("/{kind}")
    public List<ReferenceRate> list(@PathVariable String kind) {
        return rates.current(kind(kind));
    }

    @PostMapping("/{kind}")
    @org.springframework.transaction.annotation.Transactional
    public ResponseEntity<ReferenceRate> enter(@PathVariable String kind, @RequestBody(required = false) RateInput in,
                                               Principal principal) {
        ReferenceRates.Kind k = kind(kind);
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate from = null;
        BigDecimal rate = null;
        Object fromValue = in == null ? null : in.effectiveFrom();
        Object rateValue = in == null ? null : in.ratePercent();
        if (fromValue == null || fromValue.toString().isBlank()) {
            errors.put("effectiveFrom", "is required (yyyy-MM-dd)");
        } else {
            from = IsoDates.parse(fromValue.toString());
            if (from == null) {
                errors.put("effectiveFrom", "must be a date yyyy-MM-dd");
            } else {
                String problem = effectiveFromProblem(from, clock.today());
                if (problem != null) {
                    errors.put("effectiveFrom", problem);
                    from = null;
                }
            }
        }
        if (rateValue == null || rateValue.toString().isBlank()) {
            errors.put("ratePercent", "is required (percent per year, e.g. 3.10)");
        } else {
            String text = rateValue.toString().trim();
            try {
                if (text.length() > MAX_TEXT) {
                    throw new NumberFormatException("is too long: at most " + MAX_TEXT + " characters");
                }
                rate = new BigDecimal(text);
                // compareTo and stripTrailingZeros look at the exponent first: cheap for 0e999999999 or 1e-999999999
                if (rate.signum() < 0 || rate.compareTo(MAX_RATE) >= 0) {
                    errors.put("ratePercent", "must be between 0 and 50 (percent per year)");
                    rate = null;
                } else if (rate.stripTrailingZeros().scale() > SCALE) {
                    errors.put("ratePercent", "must have at most four decimals");
                    rate = null;
                } else {
                    // one form per value: 3.1, "3.10" and 0e999999999 are stored and answered as 3.1000 and 0.0000
                    rate = rate.signum() == 0 ? BigDecimal.ZERO.setScale(SCALE) : rate.setScale(SCALE);
                }
            } catch (NumberFormatException e) {
                errors.put("ratePercent", "must be a number (percent per year, e.g. 3.10)");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.entrySet().stream()
                .map(e -> new FieldProblem(e.getKey(), e.getValue())).toList());
        }
        LocalDate date = from;
        BigDecimal percent = rate;
        List<ReferenceRate> entries = rates.entriesOf(k, date);
        ReferenceRate standing = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        if (standing != null && standing.ratePercent().compareTo(percent) == 0) {
            // the rate in force for that date again (a replayed request, a feed sent twice): nothing changes
            return ResponseEntity.ok(standing);
        }
        ReferenceRate saved;
        try {
            // the next entry of the date as this request saw it: one entered since is a race, not a correction
            saved = rates.enter(k, from, rate, principal == null ? "unknown" : principal.getName(), entries.size() + 1);
        } catch (ReferenceRates.EnteredMeanwhile race) {
            return replayOrConflict(race.standing(), percent, kind);
        }
        // the statutory interest of the invoices it applies to changed: payments settle or reopen them (RateEntered)
        events.publishEvent(RateEntered.reference(from));
        return ResponseEntity.created(URI.create("/api/rates/" + kind.toLowerCase())).body(saved);
    }

    /**
     * Another request entered a rate for the same date at the same moment (a feed or a click sent twice): the same
     * rate is this request's replay (200 with the row that stands, as if it had come second); another rate is a
     * conflict - nothing of this request was stored, and which of two simultaneous figures is right is for the
     * caller to decide (GET, then post the correction).
     */
    static ResponseEntity<ReferenceRate> replayOrConflict(ReferenceRate standing, BigDecimal percent, String kind) {
        if (standing.ratePercent().compareTo(percent) == 0) {
            return ResponseEntity.ok(standing);
        }
        throw new com.collectwise.api.ConflictException("Another rate for " + standing.effectiveFrom() + " ("
            + standing.ratePercent().stripTrailingZeros().toPlainString() + "%) was entered at the same moment as "
            + percent.stripTrailingZeros().toPlainString() + "%; nothing was stored. Look at GET /api/rates/"
            + kind.toLowerCase() + " and post again if " + percent.stripTrailingZeros().toPlainString()
            + "% should stand.");
    }

    /**
     * A rate applies from {@code effectiveFrom} on to interest of receivables, none of which is older than
     * {@link AsOf#REPORTS_FROM}, and no figure is computed later than {@link AsOf#YEARS_AHEAD} years ahead: a date
     * outside that window is a typo (1800-01-01, 20250-05-20) that would never apply, or apply to everything.
     */
    static String effectiveFromProblem(LocalDate from, LocalDate today) {
        LocalDate latest = today.plusYears(AsOf.YEARS_AHEAD);
        if (from.isBefore(AsOf.REPORTS_FROM) || from.isAfter(latest)) {
            return "must be between " + AsOf.REPORTS_FROM + " and " + latest + " (today + " + AsOf.YEARS_AHEAD
                + " years)";
        }
        return null;
    }

    private static ReferenceRates.Kind kind(String kind) {
        return switch (kind.toLowerCase()) {
            case "lpr" -> ReferenceRates.Kind.LPR;
            case "ecb" -> ReferenceRates.Kind.ECB;
            default -> throw new com.collectwise.api.NotFoundException("no rate table " + kind + " (lpr, ecb)");
        };
    }
}
