package com.collectwise.limitation;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Service;

import com.collectwise.kernel.Invoice;

/**
 * Limitation date = three years after the latest of the due date and every interruption on or before the
 * as-of date (a statement as of a date counts only what happened by then).
 */
@Service
public class LimitationService {

    static final int YEARS = 3;

    private final List<InterruptionSource> sources;

    public LimitationService(List<InterruptionSource> sources) {
        this.sources = sources;
    }

    public LocalDate limitationDate(Invoice invoice, LocalDate asOf) {
        return lastRestart(invoice, asOf).plusYears(YEARS);
    }

    /**
     * Whether the claim is past its limitation date on the day. A claim less than three years past its due date never
     * is (an interruption only moves the date later): answered without reading the interruptions.
     */
    public boolean timeBarred(Invoice invoice, LocalDate asOf) {
        return invoice.dueDate().plusYears(YEARS).isBefore(asOf) && limitationDate(invoice, asOf).isBefore(asOf);
    }

    /** The due date or the latest interruption after it, as of the date. */
    public LocalDate lastRestart(Invoice invoice, LocalDate asOf) {
        return sources.stream().flatMap(s -> s.interruptions(invoice.invoiceNumber()).stream())
            .filter(i -> i.countsAsOf(asOf))
            .map(Interruption::on)
            .filter(d -> d.isAfter(invoice.dueDate()))
            .max(Comparator.naturalOrder())
            .orElse(invoice.dueDate());
    }
}
