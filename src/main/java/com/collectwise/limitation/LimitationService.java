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

    /**
     * The due date or the latest interruption after it, as of the date. An interruption restarts a period that still
     * runs on its day (on or before the limitation date so far); once the period has run out, the creditor's demand or
     * suit does not revive the claim, the debtor's own acknowledgement (payment, promise, agreement, confirmed
     * statement) does: a debtor who agrees to pay after the period cannot plead it (Civil Code art. 192).
     */
    public LocalDate lastRestart(Invoice invoice, LocalDate asOf) {
        List<Interruption> facts = sources.stream().flatMap(s -> s.interruptions(invoice.invoiceNumber()).stream())
            .filter(i -> i.countsAsOf(asOf))
            .filter(i -> i.on().isAfter(invoice.dueDate()))
            .sorted(Comparator.comparing(Interruption::on))
            .toList();
        LocalDate restart = invoice.dueDate();
        for (Interruption i : facts) {
            if (i.byDebtor() || !i.on().isAfter(restart.plusYears(YEARS))) {
                restart = i.on(); // in date order: never earlier than the restart so far
            }
        }
        return restart;
    }
}
