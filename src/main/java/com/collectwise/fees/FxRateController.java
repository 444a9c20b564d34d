package com.collectwise.fees;

import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.collectwise.api.FieldProblem;
import com.collectwise.api.InvalidRequestException;
import com.collectwise.api.IsoDates;

/**
 * The euro exchange-rate table over HTTP, in the style of /api/rates/{lpr,ecb}: GET /api/rates/fx (finance,
 * supervisors; {@code ?currency=USD} for one currency), POST (finance) to add a rate or correct one (the same
 * currency and effectiveFrom again with another rate: 201). The same currency, date and rate again is a replay:
 * 200 with the row in force, nothing stored. Security is configured centrally (com.collectwise.security).
 */
@RestController
@RequestMapping("/api/rates/fx")
public class FxRateController {

    /** At most nine digits before the point (NUMERIC(15,6)): the weakest currency is a few ten thousand per EUR. */
    static final BigDecimal MAX_RATE = new BigDecimal("1000000000");
    static final int MAX_DECIMALS = 6;

    private final FxRates rates;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final com.collectwise.kernel.BusinessClock clock;

    public FxRateController(FxRates rates, org.springframework.context.ApplicationEventPublisher events,
                            com.collectwise.kernel.BusinessClock clock) {
        this.rates = rates;
        this.events = events;
        this.clock = clock;
    }

    /** Body of a POST; plain values so that a bad one is reported by field instead of failing the whole body. */
    public record FxRateInput(Object currency, Object effectiveFrom, Object unitsPerEur) {
    }

    @GetMapping
    public List<FxRate> list(@RequestParam(required = false) String currency) {
        List<FxRate> all = rates.current();
        if (currency == null || currency.isBlank()) {
            return all;
        }
        String code = currency.trim().toUpperCase(java.util.Locale.ROOT);
        return all.stream().filter(r -> r.currency().equals(code)).toList();
    }

    @PostMapping
    @Transactional
    public ResponseEntity<FxRate> enter(@RequestBody(required = false) FxRateInput in, Principal principal) {
        Map<String, String> errors = new LinkedHashMap<>();
        String currency = currency(in == null ? null : in.currency(), errors);
        LocalDate from = date(in == null ? null : in.effectiveFrom(), clock.today(), errors);
        BigDecimal rate = rate(in == null ? null : in.unitsPerEur(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.entrySet().stream()
                .map(e -> new FieldProblem(e.getKey(), e.getValue())).toList());
        }
        List<FxRate> entries = rates.entriesOf(currency, from);
        FxRate standing = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        if (standing != null && standing.unitsPerEur().compareTo(rate) == 0) {
            return ResponseEntity.ok(standing); // the same rate again: nothing changes
        }
        FxRate saved;
        try {
            // the next entry of the date as this request saw it: one entered since is a race, not a correction
            saved = rates.enter(currency, from, rate, principal == null ? "unknown" : principal.getName(),
                entries.size() + 1);
        } catch (FxRates.EnteredMeanwhile race) {
            // entered by a request at the same moment: the same rate is this one's replay, another a conflict
            FxRate winner = race.standing();
            if (winner.unitsPerEur().compareTo(rate) == 0) {
                return ResponseEntity.ok(winner);
            }
            throw new com.collectwise.api.ConflictException("Another " + currency + " rate for " + from + " ("
                + winner.unitsPerEur().stripTrailingZeros().toPlainString() + " per EUR) was entered at the same moment"
                + " as " + rate.stripTrailingZeros().toPlainString() + "; nothing was stored. Look at GET"
                + " /api/rates/fx?currency=" + currency + " and post again if yours should stand.");
        }
        // the EUR 40 of the invoices in the currency due from then on changed: payments settle or reopen them
        events.publishEvent(new RateEntered(currency, from));
        return ResponseEntity.created(URI.create("/api/rates/fx?currency=" + currency)).body(saved);
    }

    private static String currency(Object value, Map<String, String> errors) {
        if (value == null || value.toString().isBlank()) {
            errors.put("currency", "is required (ISO 4217, e.g. USD)");
            return null;
        }
        String code = value.toString().trim();
        if (!code.matches("[A-Z]{3}")) {
            errors.put("currency", "must be an ISO 4217 code of three capital letters, e.g. USD");
            return null;
        }
        if ("EUR".equals(code)) {
            errors.put("currency", "must not be EUR: the rates are units of a currency per 1 EUR");
            return null;
        }
        try {
            if (Currency.getInstance(code).getDefaultFractionDigits() < 0) {
                errors.put("currency", "must be a currency an invoice can be in (" + code + " has no minor unit)");
                return null;
            }
        } catch (IllegalArgumentException e) {
            errors.put("currency", "is not an ISO 4217 currency");
            return null;
        }
        return code;
    }

    private static LocalDate date(Object value, LocalDate today, Map<String, String> errors) {
        if (value == null || value.toString().isBlank()) {
            errors.put("effectiveFrom", "is required (yyyy-MM-dd)");
            return null;
        }
        LocalDate from = IsoDates.parse(value.toString());
        if (from == null) {
            errors.put("effectiveFrom", "must be a date yyyy-MM-dd");
            return null;
        }
        String problem = RateController.effectiveFromProblem(from, today);
        if (problem != null) {
            errors.put("effectiveFrom", problem);
            return null;
        }
        return from;
    }

    private static BigDecimal rate(Object value, Map<String, String> errors) {
        if (value == null || value.toString().isBlank()) {
            errors.put("unitsPerEur", "is required (units of the currency per 1 EUR, e.g. 1.0850)");
            return null;
        }
        try {
            String text = value.toString().trim();
            if (text.length() > RateController.MAX_TEXT) {
                throw new NumberFormatException("is too long: at most " + RateController.MAX_TEXT + " characters");
            }
            BigDecimal rate = new BigDecimal(text);
            if (rate.signum() <= 0 || rate.compareTo(MAX_RATE) >= 0) {
                errors.put("unitsPerEur", "must be more than 0 and less than 1000000000 (units per 1 EUR)");
                return null;
            }
            if (rate.stripTrailingZeros().scale() > MAX_DECIMALS) {
                errors.put("unitsPerEur", "must have at most six decimals");
                return null;
            }
            // one form per value, the column's: 1.0E+2 and "100" are stored and answered as 100.000000
            return rate.setScale(MAX_DECIMALS);
        } catch (NumberFormatException e) {
            errors.put("unitsPerEur", "must be a number (units of the currency per 1 EUR, e.g. 1.0850)");
            return null;
        }
    }
}
