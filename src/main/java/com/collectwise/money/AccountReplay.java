package com.collectwise.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The money of one customer as of a date, as a pure function of dated events: the invoices (amount, due date,
 * rate, cap), their ledger lines (fees, waivers, discounts, credit notes, write-offs) and the payments (by the
 * date the money was received, with the date of a reversal if one came). Events are replayed in value-date order,
 * whatever order they were posted in, so a payment posted late but dated earlier changes how the later ones were
 * allocated, and a statement as of a past date never changes when something dated later is posted.
 *
 * <p>The rules (DOMAIN.md sections 5 and 6), in the order they apply on each day that has an event:
 * <ol>
 *   <li>interest accrues on each invoice through that day: simple, actual/365, on the principal unpaid at the start
 *       of the day, per period between events and rate changes (never day by day, so any as-of date costs the same);
 *       the exact sum is rounded once, HALF_UP to the currency's minor unit;</li>
 *   <li>the EU fixed compensation (EUR 40, in another currency converted with the rate in force on the due date)
 *       is charged on the day after the due date when principal was still unpaid at the end of the due date;</li>
 *   <li>fees charged that day, then waivers and discounts (never below zero); a reminder or letter fee only when
 *       the invoice was late on that day (principal unpaid at the end of the due date still unpaid at the start of
 *       the day): an invoice paid on time owes none, whenever its payment was posted;</li>
 *   <li>payments of that day, in the order they were posted: the named invoice takes fees, then interest, then principal; what is
 *       left, and any payment that names no invoice, is the customer's credit;</li>
 *   <li>the customer's credit pays the open invoices of its currency already issued: first the undisputed part of
 *       each, oldest due date first, then the disputed parts, oldest due date first ({@link DisputeFact}: collect the
 *       undisputed part first); credit is only what exceeds all of them;</li>
 *   <li>a write-off or sale of that day closes what its invoice owes at the end of the day, as this replay says it was
 *       owed (the amount its ledger line booked is what finance saw then, not used): as of that day or later the
 *       invoice owes nothing, whatever is entered later (a rate, a fee, a credit note dated earlier), unless money that
 *       counted on that day is taken back later (a reversal: what it paid is owed again).</li>
 * </ol>
 * Money posted after an invoice was sold never pays it, whatever its value date (the factor owns the receivable): it
 * pays the customer's other invoices or is the customer's credit.
 * A credit note reduces its invoice from the due date (no interest ever ran on the credited part) in every
 * statement as of its date or later. A reversed payment counts in statements as of dates before its reversal and
 * not at all from the reversal on. Late charges (fees, then interest) never exceed the invoice's cap; when the cap
 * changes, each day's charges are judged by the cap in force that day ({@link InvoiceTerms#capChanges}).
 *
 * <p>No database, no Spring, no engine: services load the facts and call {@link #replay}.
 */
public final class AccountReplay {

    /** Directive 2011/7/EU art. 6: fixed compensation per late B2B invoice. */
    public static final BigDecimal EU_COMPENSATION_EUR = new BigDecimal("40.00");
    private static final BigDecimal DAY_DIVISOR = BigDecimal.valueOf(36_500);
    private static final int DISPLAY_SCALE = 10;

    private AccountReplay() {
    }

    /**
     * An invoice with what decides its charges. {@code capPercent} null = no cap. {@code euCompensation}: the
     * Directive's fixed compensation applies (EU B2B); {@code compensation} is the EUR 40 in the invoice's currency
     * (converted on the due date, at its minor unit), null when it could not be converted (no exchange rate on or
     * before the due date): then nothing is charged and the figures say so ({@link InvoiceFigures#compensationUnconverted}).
     */
    public record InvoiceTerms(String invoiceNumber, String currency, BigDecimal amount, LocalDate issueDate,
                               LocalDate dueDate, DailyRate rate, BigDecimal capPercent, boolean euCompensation,
                               Money compensation, List<LedgerEntry> entries,
                               java.util.NavigableMap<LocalDate, BigDecimal> capChanges) {
        /**
         * {@code capPercent} is the cap of the first policy version; {@code capChanges} the cap of each later version
         * by the first day it applies (a null value: no cap from that day), empty when the cap never changed. Each
         * day's charges are judged by the cap in force that day: what an earlier cap withheld stays withheld, what it
         * let through stays owed (DOMAIN.md section 6: a change applies from the date it takes effect, never
         * backwards).
         */
        public InvoiceTerms {
            Objects.requireNonNull(invoiceNumber, "invoiceNumber");
            Objects.requireNonNull(dueDate, "dueDate");
            rate = rate == null ? DailyRate.none() : rate;
            entries = entries == null ? List.of() : entries;
            issueDate = issueDate == null ? dueDate : issueDate;
            capChanges = capChanges == null ? Collections.emptyNavigableMap()
                : Collections.unmodifiableNavigableMap(new TreeMap<>(capChanges));
            if (compensation != null && !compensation.currencyCode().equals(currency)) {
                throw new IllegalArgumentException("the compensation of " + invoiceNumber + " is in "
                    + compensation.currencyCode() + ", not in the invoice's currency " + currency);
            }
        }

        /** One cap for all days. */
        public InvoiceTerms(String invoiceNumber, String currency, BigDecimal amount, LocalDate issueDate,
                            LocalDate dueDate, DailyRate rate, BigDecimal capPercent, boolean euCompensation,
                            Money compensation, List<LedgerEntry> entries) {
            this(invoiceNumber, currency, amount, issueDate, dueDate, rate, capPercent, euCompensation, compensation,
                entries, null);
        }

        /** The cap percent in force on the day (null: no cap). */
        public BigDecimal capPercentOn(LocalDate day) {
            Map.Entry<LocalDate, BigDecimal> change = capChanges.floorEntry(day);
            return change == null ? capPercent : change.getValue();
        }

        /**
         * Without an exchange rate: a euro invoice's compensation is EUR 40; one in another currency cannot be
         * converted (nothing charged, {@link InvoiceFigures#compensationUnconverted} when it is late).
         */
        public InvoiceTerms(String invoiceNumber, String currency, BigDecimal amount, LocalDate issueDate,
                            LocalDate dueDate, DailyRate rate, BigDecimal capPercent, boolean euCompensation,
                            List<LedgerEntry> entries) {
            this(invoiceNumber, currency, amount, issueDate, dueDate, rate, capPercent, euCompensation,
                euCompensation && "EUR".equals(currency) ? Money.of(EU_COMPENSATION_EUR, "EUR") : null, entries);
        }
    }

    /**
     * The EUR 40 in an invoice's currency: {@code unitsPerEur} units of the currency per 1 EUR (the rate in force on
     * the due date), rounded once HALF_UP to the currency's minor unit (JPY 0 decimals, KWD 3). EUR needs no rate;
     * null when there is none.
     */
    public static Money compensationIn(String currency, BigDecimal unitsPerEur) {
        if ("EUR".equals(currency)) {
            return Money.of(EU_COMPENSATION_EUR, "EUR");
        }
        if (unitsPerEur == null) {
            return null;
        }
        return Money.rounded(EU_COMPENSATION_EUR.multiply(unitsPerEur), currency); // once, HALF_UP
    }

    /**
     * Money received. {@code invoiceNumber} null: for the customer's open invoices. {@code postedAt} only orders
     * payments of the same value date (as the bank statement lists them); it never changes any figure, only which
     * of two same-day payments took what.
     */
    public record PaymentFact(String reference, String invoiceNumber, Money amount, LocalDate receivedOn,
                              LocalDate reversedOn, java.time.Instant postedAt) {
        public PaymentFact {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(receivedOn, "receivedOn");
            postedAt = postedAt == null ? java.time.Instant.EPOCH : postedAt;
        }

        public PaymentFact(String reference, String invoiceNumber, Money amount, LocalDate receivedOn,
                           LocalDate reversedOn) {
            this(reference, invoiceNumber, amount, receivedOn, reversedOn, null);
        }
    }

    /**
     * A dispute of part of an invoice, as dated facts (DOMAIN.md section 5: dunning pauses for the disputed amount
     * only, collect the undisputed part first). It counts for money applied on a day when it was raised by then and
     * not ended before: raised before the day, or on the day before the money was posted ({@code raisedAt} against the
     * payment's {@code postedAt}, as payments of one day are taken in the order they were posted); ended (decided:
     * credit note or rejection, or closed with its case) after the day, or on the day after the money was posted.
     * {@code endedOn}/{@code endedAt} null: still open. What it disputes is {@code amount} less the credit notes that
     * resolved part of it dated by the as-of date ({@code credits}: a credit note reduces the invoice from its due
     * date, so the part it credited is no longer owed, let alone disputed, in any statement as of its date or later).
     * Only the customer's credit (money naming no invoice, what a payment leaves over) looks at disputes: money naming
     * the invoice pays it fees, interest, principal, the disputed principal last.
     */
    public record DisputeFact(String invoiceNumber, Money amount, LocalDate raisedOn, java.time.Instant raisedAt,
                              LocalDate endedOn, java.time.Instant endedAt, List<Credited> credits) {
        public DisputeFact {
            Objects.requireNonNull(invoiceNumber, "invoiceNumber");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(raisedOn, "raisedOn");
            raisedAt = raisedAt == null ? java.time.Instant.EPOCH : raisedAt;
            endedAt = endedOn == null ? null : endedAt == null ? java.time.Instant.MAX : endedAt;
            credits = credits == null ? List.of() : List.copyOf(credits);
        }

        /** Raised on the day (start of day), never ended, no credit note. */
        public DisputeFact(String invoiceNumber, Money amount, LocalDate raisedOn) {
            this(invoiceNumber, amount, raisedOn, null, null, null, null);
        }

        /** Whether it counts for money of {@code postedAt} applied on {@code day}. */
        boolean countsFor(LocalDate day, java.time.Instant postedAt) {
            boolean raised = raisedOn.isBefore(day) || raisedOn.equals(day) && !raisedAt.isAfter(postedAt);
            boolean ended = endedOn != null
                && (endedOn.isBefore(day) || endedOn.equals(day) && !endedAt.isAfter(postedAt));
            return raised && !ended;
        }

        /** What it disputes in a replay as of {@code asOf}: the amount less the credit notes dated by then. */
        Money openAsOf(LocalDate asOf) {
            Money open = amount;
            for (Credited c : credits) {
                if (!c.on().isAfter(asOf)) {
                    open = open.minus(c.amount());
                }
            }
            return open.atLeastZero();
        }
    }

    /** A credit note that resolved (part of) a dispute, by its date. */
    public record Credited(LocalDate on, Money amount) {
    }

    /**
     * Part of a payment applied to one component of an invoice; {@code invoiceNumber} null with component CREDIT
     * is what is held as the customer's credit.
     */
    public record Split(String paymentReference, String invoiceNumber, Component component, Money amount) {
    }

    /** One invoice as of the date, with its workings. */
    public record InvoiceFigures(Statement statement, InterestAccrual accrual, Money accruedInterest,
                                 Money accruedFees, Money compensation, Money cap, boolean capReached,
                                 Money interestPaid, Money feesPaid, Money principalPaid,
                                 boolean compensationUnconverted, Money writtenOff) {
    }

    /** The customer's account as of a date. */
    public record Result(LocalDate asOf, Map<String, InvoiceFigures> invoices, Map<String, Money> credit,
                         List<Split> splits) {

        public InvoiceFigures invoice(String invoiceNumber) {
            InvoiceFigures f = invoices.get(invoiceNumber);
            if (f == null) {
                throw new IllegalArgumentException("invoice " + invoiceNumber + " is not in this account");
            }
            return f;
        }

        /** The customer's credit in a currency (zero when none). */
        public Money credit(String currency) {
            return credit.getOrDefault(currency, Money.zero(currency));
        }

        public List<Split> splitsOf(String paymentReference) {
            return splits.stream().filter(s -> s.paymentReference().equals(paymentReference)).toList();
        }
    }

    /**
     * The statement as of {@code asOf} of an invoice nothing has happened to - no ledger line, no payment of its
     * customer - when {@code asOf} is not after its due date: what {@link #replay} gives for it, whatever its rate, cap
     * and compensation, computed without a replay. Interest runs and the EU compensation falls due only from the day
     * after the due date, nothing was charged, reduced or paid: the amount is owed as principal (at the currency's
     * minor unit, as the replay holds it), no interest, no fees. The first stage entry of a brand-new invoice
     * (bench/results/TUNING.md, row 50); {@code AccountReplayUntouchedTest} compares it with the replay.
     *
     * @throws IllegalArgumentException when {@code asOf} is after the due date (the replay decides then)
     */
    public static Statement untouched(String invoiceNumber, String currency, BigDecimal amount, LocalDate dueDate,
                                      LocalDate asOf) {
        Objects.requireNonNull(invoiceNumber, "invoiceNumber");
        if (asOf.isAfter(dueDate)) {
            throw new IllegalArgumentException("as of " + asOf + " invoice " + invoiceNumber + " is past its due date "
                + dueDate + ": only a replay knows its charges");
        }
        // the replay's own steps for an invoice without events (InvoiceState, figures())
        Money zero = Money.zero(currency);
        Money principal = Money.of(amount, currency).atLeastZero();
        Money total = principal.plus(zero).plus(zero);
        return new Statement(invoiceNumber, currency, asOf, principal.amount(), zero.amount(), zero.amount(),
            total.amount());
    }

    /** Without disputes. */
    public static Result replay(List<InvoiceTerms> invoices, List<PaymentFact> payments, LocalDate asOf) {
        return replay(invoices, payments, List.of(), asOf);
    }

    /**
     * The account as of {@code asOf}; {@code disputes}: the disputes of its invoices, whatever their dates (the replay
     * takes those that count on each day).
     */
    public static Result replay(List<InvoiceTerms> invoices, List<PaymentFact> payments, List<DisputeFact> disputes,
                                LocalDate asOf) {
        Objects.requireNonNull(asOf, "asOf");
        Map<String, List<DisputeFact>> disputesByInvoice = new TreeMap<>();
        for (DisputeFact d : disputes == null ? List.<DisputeFact>of() : disputes) {
            disputesByInvoice.computeIfAbsent(d.invoiceNumber(), n -> new ArrayList<>()).add(d);
        }
        Map<String, InvoiceFigures> figures = new TreeMap<>();
        Map<String, Money> credit = new TreeMap<>();
        List<Split> splits = new ArrayList<>();
        Map<String, List<InvoiceTerms>> invoicesByCurrency = new TreeMap<>();
        for (InvoiceTerms i : invoices) {
            invoicesByCurrency.computeIfAbsent(i.currency(), c -> new ArrayList<>()).add(i);
        }
        Map<String, List<PaymentFact>> paymentsByCurrency = new TreeMap<>();
        for (PaymentFact p : payments) {
            paymentsByCurrency.computeIfAbsent(p.amount().currencyCode(), c -> new ArrayList<>()).add(p);
        }
        TreeSet<String> currencies = new TreeSet<>(invoicesByCurrency.keySet());
        currencies.addAll(paymentsByCurrency.keySet());
        for (String currency : currencies) {
            CurrencyBook book = new CurrencyBook(currency, invoicesByCurrency.getOrDefault(currency, List.of()),
                paymentsByCurrency.getOrDefault(currency, List.of()), disputesByInvoice, asOf);
            book.run();
            book.invoices.forEach((n, s) -> figures.put(n, s.figures()));
            Money held = book.poolTotal().plus(book.excessCharges);
            if (held.isPositive()) {
                credit.put(currency, held);
            }
            splits.addAll(book.splits);
            for (PoolChunk c : book.pool) {
                splits.add(new Split(c.reference, null, Component.CREDIT, c.amount));
            }
        }
        return new Result(asOf, Collections.unmodifiableMap(figures), Collections.unmodifiableMap(credit),
            List.copyOf(splits));
    }

    /** One currency of the account: invoices and payments in other currencies never meet. */
    private static final class CurrencyBook {
        final String currency;
        final LocalDate asOf;
        final Map<String, InvoiceState> invoices = new LinkedHashMap<>();
        final List<InvoiceState> byDueDate;
        /** The payments that count as of the date, by value date, each day's in posting order. */
        final TreeMap<LocalDate, List<PaymentFact>> paymentsByDay = new TreeMap<>();
        final Deque<PoolChunk> pool = new ArrayDeque<>();
        final List<Split> splits = new ArrayList<>();
        /** All the facts of the currency, whatever their dates: a write-off's own replay as of its day reads them. */
        final List<InvoiceTerms> allTerms;
        final List<PaymentFact> allPayments;
        /** The disputes of the account's invoices by invoice number (all currencies, whatever their dates). */
        final Map<String, List<DisputeFact>> disputes;
        Money excessCharges;

        CurrencyBook(String currency, List<InvoiceTerms> invoiceTerms, List<PaymentFact> payments,
                     Map<String, List<DisputeFact>> disputes, LocalDate asOf) {
            this.currency = currency;
            this.asOf = asOf;
            this.allTerms = invoiceTerms;
            this.allPayments = payments;
            this.disputes = disputes;
            this.excessCharges = Money.zero(currency);
            for (InvoiceTerms t : invoiceTerms) {
                invoices.put(t.invoiceNumber(), new InvoiceState(t, asOf,
                    disputes.getOrDefault(t.invoiceNumber(), List.of())));
            }
            byDueDate = new ArrayList<>(invoices.values());
            byDueDate.sort(Comparator.comparing((InvoiceState s) -> s.terms.dueDate())
                .thenComparing(s -> s.terms.invoiceNumber()));
            payments.stream()
                .filter(p -> !p.receivedOn().isAfter(asOf))
                .filter(p -> p.reversedOn() == null || p.reversedOn().isAfter(asOf))
                .sorted(Comparator.comparing(PaymentFact::receivedOn).thenComparing(PaymentFact::postedAt)
                    .thenComparing(PaymentFact::reference))
                .forEach(p -> paymentsByDay.computeIfAbsent(p.receivedOn(), d -> new ArrayList<>()).add(p));
        }

        void run() {
            TreeSet<LocalDate> days = new TreeSet<>(paymentsByDay.keySet());
            for (InvoiceState s : invoices.values()) {
                days.add(s.terms.issueDate());
                if (s.terms.euCompensation()) {
                    days.add(s.terms.dueDate().plusDays(1));
                }
                for (LedgerEntry e : s.terms.entries()) {
                    if (e.type() != LedgerEntryType.CREDIT_NOTE) {
                        days.add(e.bookedOn());
                    }
                }
                days.addAll(s.terms.capChanges().keySet());
            }
            for (LocalDate day : days.headSet(asOf, true)) {
                runDay(day);
            }
            for (InvoiceState s : invoices.values()) {
                s.accrueThrough(asOf);
                s.checkCompensation(asOf);
                s.keepClosed();
                Money negative = s.clampNegativeCharges();
                excessCharges = excessCharges.plus(negative);
            }
        }

        private void runDay(LocalDate day) {
            for (InvoiceState s : invoices.values()) {
                if (s.capChangesOn(day)) {
                    s.changeCap(day);
                }
                s.accrueThrough(day);
                s.checkCompensation(day);
            }
            for (InvoiceState s : invoices.values()) {
                for (LedgerEntry e : s.entriesOn(day)) {
                    if (e.type().isCharge() && (!e.isNoticeFee() || s.lateOn(day))) {
                        s.feesCharged = s.feesCharged.plus(e.amount());
                    }
                }
            }
            for (InvoiceState s : invoices.values()) {
                for (LedgerEntry e : s.entriesOn(day)) {
                    if (!e.type().isCharge() && e.type() != LedgerEntryType.CREDIT_NOTE
                        && e.type() != LedgerEntryType.WRITE_OFF) {
                        s.reduce(e.component(), e.amount());
                    }
                }
                s.keepClosed(); // a charge dated after the write-off or sale: it is closed with the rest
            }
            for (PaymentFact p : paymentsByDay.getOrDefault(day, List.of())) {
                InvoiceState named = p.invoiceNumber() == null ? null : invoices.get(p.invoiceNumber());
                Money rest = p.amount();
                if (named != null && named.takesMoneyPostedAt(p.postedAt())) {
                    rest = named.pay(p.reference(), rest, splits);
                }
                if (rest.isPositive()) {
                    pool.addLast(new PoolChunk(p.reference(), rest, p.postedAt()));
                }
            }
            applyPool(day);
            for (InvoiceState s : invoices.values()) {
                if (s.closesOn(day)) {
                    close(s, day);
                }
            }
        }

        /**
         * The write-off or sale of the day closes what the invoice owes at the end of that day (after the day's money),
         * as this replay says it was owed then: a rate, a fee version or a credit note entered later changes the amount
         * written off, never leaves the rest owed. Money taken back later (a payment dated before the day and
         * reversed after it) still counted on the day: the write-off took only what was left with it, so what the
         * reversal takes back is owed again (read off a replay as of the day, which still counts that money).
         */
        private void close(InvoiceState s, LocalDate day) {
            java.time.Instant closedAt = s.closedAt(day);
            // money known when the write-off was posted, dated by its day and taken back since
            boolean reversedSince = allPayments.stream().anyMatch(p -> !p.receivedOn().isAfter(day)
                && p.reversedOn() != null && p.reversedOn().isAfter(day) && !p.reversedOn().isAfter(asOf)
                && !p.postedAt().isAfter(closedAt));
            Money[] owedThen;
            if (reversedSince) {
                // money posted after the write-off and taken back by now never counted for it: without it
                List<PaymentFact> known = allPayments.stream().filter(p -> !p.postedAt().isAfter(closedAt)
                    || p.reversedOn() == null || p.reversedOn().isAfter(asOf)).toList();
                CurrencyBook then = new CurrencyBook(currency, allTerms, known, disputes, day);
                then.run();
                owedThen = then.invoices.get(s.terms.invoiceNumber()).closedOn.get(day);
            } else {
                owedThen = new Money[] {s.feesDue().atLeastZero(), s.interestDue().atLeastZero(), s.principal};
            }
            s.close(day, owedThen);
        }

        /**
         * The customer's credit pays what is owed among invoices issued by then (DOMAIN.md section 5: collect the
         * undisputed part first): first the undisputed part of each invoice, oldest due date first (its fees, interest
         * and principal in that order, the principal down to what its disputes counting for the money dispute; nothing
         * of an invoice disputed in full), then what is left of each, the disputed parts, oldest due date first. Money
         * is applied to debts: credit is only what exceeds them all. Money posted after an invoice was sold never pays
         * it (the factor owns it), whatever its value date.
         */
        private void applyPool(LocalDate day) {
            payFromPool(day, true);
            payFromPool(day, false);
        }

        private void payFromPool(LocalDate day, boolean undisputedOnly) {
            for (InvoiceState s : byDueDate) {
                if (pool.isEmpty()) {
                    return;
                }
                if (s.terms.issueDate().isAfter(day) || !s.owed().isPositive()) {
                    continue;
                }
                Deque<PoolChunk> left = new ArrayDeque<>();
                while (!pool.isEmpty()) {
                    PoolChunk chunk = pool.removeFirst();
                    Money room = undisputedOnly ? s.undisputedOwed(day, chunk.postedAt) : s.owed();
                    if (!room.isPositive() || !s.takesMoneyPostedAt(chunk.postedAt)) {
                        left.addLast(chunk);
                        continue;
                    }
                    Money offered = chunk.amount.min(room);
                    Money rest = s.pay(chunk.reference, offered, splits).plus(chunk.amount.minus(offered));
                    if (rest.isPositive()) {
                        left.addLast(new PoolChunk(chunk.reference, rest, chunk.postedAt));
                    }
                }
                pool.addAll(left);
            }
        }

        Money poolTotal() {
            Money total = Money.zero(currency);
            for (PoolChunk c : pool) {
                total = total.plus(c.amount);
            }
            return total;
        }
    }

    private record PoolChunk(String reference, Money amount, java.time.Instant postedAt) {
    }

    /**
     * Whether a write-off line is a sale of the receivable: booked as such ({@code source} "sale"), or, before the
     * source said so, with the reason the sale gives it ("Sold to ...").
     */
    public static boolean isSale(LedgerEntry e) {
        return e.type() == LedgerEntryType.WRITE_OFF
            && ("sale".equals(e.source()) || e.reason() != null && e.reason().startsWith("Sold to "));
    }

    /** The running figures of one invoice during the replay. */
    private static final class InvoiceState {
        final InvoiceTerms terms;
        final Money zero;
        /** The cap in force on the days being replayed (null: none). */
        Money cap;
        /**
         * Late charges admitted under earlier caps (the cap of each day judged that day's charges), and the raw
         * charges (fees with the compensation, rounded interest) up to the last cap change: from a change on, only
         * what was charged since counts against the new cap, on top of what was admitted before.
         */
        Money feesAdmittedBefore;
        Money interestAdmittedBefore;
        Money feesChargedBefore;
        Money interestAccruedBefore;
        final Map<LocalDate, List<LedgerEntry>> entriesByDay = new TreeMap<>();
        final List<InterestPeriod> periods = new ArrayList<>();
        Money principal;
        BigDecimal numerator = BigDecimal.ZERO;
        Money interestPaid;
        Money interestReduced;
        Money feesCharged;
        Money feesPaid;
        Money feesReduced;
        Money principalPaid;
        Money compensation;
        boolean compensationChecked;
        boolean compensationUnconverted;
        LocalDate accruedThrough;
        final LocalDate asOf;
        /** The days of the invoice's write-offs or sale (by this date), and what each closed (fees, interest, principal). */
        final java.util.NavigableSet<LocalDate> closures = new TreeSet<>();
        final Map<LocalDate, Money[]> closedOn = new TreeMap<>();
        /** Written off or sold and owing nothing since: a later charge is closed with the rest. */
        boolean closed;
        Money writtenOff;
        /** When the sale was posted (null: not sold): money posted after it never pays the invoice. */
        final java.time.Instant soldAt;

        /** The invoice's disputes, whatever their dates. */
        final List<DisputeFact> disputes;

        InvoiceState(InvoiceTerms terms, LocalDate asOf, List<DisputeFact> disputes) {
            this.terms = terms;
            this.asOf = asOf;
            this.disputes = disputes;
            this.zero = Money.zero(terms.currency());
            this.cap = capOf(terms.capPercent());
            this.writtenOff = zero;
            java.time.Instant sale = null;
            for (LedgerEntry e : terms.entries()) {
                if (isSale(e)) {
                    java.time.Instant at = e.createdAt() == null ? java.time.Instant.MAX : e.createdAt();
                    sale = sale == null || at.isBefore(sale) ? at : sale;
                }
            }
            this.soldAt = sale;
            Money base = Money.of(terms.amount(), terms.currency());
            for (LedgerEntry e : terms.entries()) {
                if (e.bookedOn().isAfter(asOf)) {
                    continue;
                }
                if (e.type() == LedgerEntryType.WRITE_OFF) {
                    closures.add(e.bookedOn());
                }
                if (e.type() == LedgerEntryType.CREDIT_NOTE) {
                    // from the due date: no interest ever ran on the credited part
                    base = base.minus(e.amount());
                } else {
                    entriesByDay.computeIfAbsent(e.bookedOn(), d -> new ArrayList<>()).add(e);
                }
            }
            this.principal = base.atLeastZero();
            this.interestPaid = zero;
            this.interestReduced = zero;
            this.feesCharged = zero;
            this.feesPaid = zero;
            this.feesReduced = zero;
            this.principalPaid = zero;
            this.compensation = zero;
            this.feesAdmittedBefore = zero;
            this.interestAdmittedBefore = zero;
            this.feesChargedBefore = zero;
            this.interestAccruedBefore = zero;
            this.accruedThrough = terms.dueDate();
        }

        private Money capOf(BigDecimal percent) {
            return percent == null ? null
                : Money.rounded(terms.amount().multiply(percent).movePointLeft(2), terms.currency());
        }

        /** Whether another cap takes effect on the day. */
        boolean capChangesOn(LocalDate day) {
            return terms.capChanges().containsKey(day);
        }

        /**
         * A new cap takes effect on {@code day} (called before anything of that day, with interest accrued through
         * the day before): what the old cap admitted stays as it was, the new cap judges what is charged from now on.
         */
        void changeCap(LocalDate day) {
            accrueThrough(day.minusDays(1));
            feesAdmittedBefore = cappedFees();
            interestAdmittedBefore = cappedInterest();
            feesChargedBefore = feesCharged.plus(compensation);
            interestAccruedBefore = accruedInterestUncapped();
            cap = capOf(terms.capChanges().get(day));
        }

        /** What the cap in force still lets through of the charges since the last change; null: no cap. */
        private Money room() {
            return cap == null ? null : cap.minus(feesAdmittedBefore).minus(interestAdmittedBefore).atLeastZero();
        }

        List<LedgerEntry> entriesOn(LocalDate day) {
            return entriesByDay.getOrDefault(day, List.of());
        }

        boolean closesOn(LocalDate day) {
            return closures.contains(day);
        }

        /** When the write-off or sale of the day was posted (the latest instant when it is not known). */
        java.time.Instant closedAt(LocalDate day) {
            return entriesOn(day).stream().filter(e -> e.type() == LedgerEntryType.WRITE_OFF)
                .map(e -> e.createdAt() == null ? java.time.Instant.MAX : e.createdAt())
                .min(java.util.Comparator.naturalOrder()).orElse(java.time.Instant.MAX);
        }

        /** Money posted after the sale never pays a sold invoice (it is the factor's). */
        boolean takesMoneyPostedAt(java.time.Instant postedAt) {
            return soldAt == null || !postedAt.isAfter(soldAt);
        }

        /** Closes what was owed on the day (fees, interest, principal; never more than is owed now). */
        void close(LocalDate day, Money[] owedThen) {
            Money before = owed();
            reduce(Component.FEES, owedThen[0]);
            reduce(Component.INTEREST, owedThen[1]);
            reduce(Component.PRINCIPAL, owedThen[2]);
            Money taken = before.minus(owed());
            writtenOff = writtenOff.plus(taken);
            closedOn.put(day, owedThen);
            closed = !owed().isPositive();
        }

        /** Written off or sold and owing nothing since: what is charged after it is closed too. */
        void keepClosed() {
            if (closed && owed().isPositive()) {
                Money before = owed();
                reduce(Component.FEES, feesDue().atLeastZero());
                reduce(Component.INTEREST, interestDue().atLeastZero());
                reduce(Component.PRINCIPAL, principal);
                writtenOff = writtenOff.plus(before.minus(owed()));
            }
        }

        /** Interest through {@code day} inclusive on the principal as it stands (changes of that day come after). */
        void accrueThrough(LocalDate day) {
            if (!day.isAfter(accruedThrough)) {
                return;
            }
            LocalDate d = accruedThrough.plusDays(1);
            while (!d.isAfter(day)) {
                LocalDate next = terms.rate().nextChangeAfter(d);
                LocalDate end = next == null || next.isAfter(day) ? day : next.minusDays(1);
                if (end.isBefore(d)) {
                    end = d; // a rate that names no later change than today still moves on by a day
                }
                if (principal.isPositive()) {
                    BigDecimal rate = terms.rate().annualPercentOn(d);
                    if (rate != null && rate.signum() > 0) {
                        long days = ChronoUnit.DAYS.between(d, end) + 1;
                        numerator = numerator.add(principal.amount().multiply(rate).multiply(BigDecimal.valueOf(days)));
                        addPeriod(d, end, rate, days);
                    }
                }
                d = end.plusDays(1);
            }
            accruedThrough = day;
        }

        private void addPeriod(LocalDate from, LocalDate to, BigDecimal rate, long days) {
            if (!periods.isEmpty()) {
                InterestPeriod last = periods.get(periods.size() - 1);
                if (last.to().plusDays(1).equals(from) && last.principal().equals(principal)
                    && last.annualPercent().compareTo(rate) == 0) {
                    long total = last.days() + days;
                    periods.set(periods.size() - 1, period(last.from(), to, rate, total));
                    return;
                }
            }
            periods.add(period(from, to, rate, days));
        }

        private InterestPeriod period(LocalDate from, LocalDate to, BigDecimal rate, long days) {
            BigDecimal exact = principal.amount().multiply(rate).multiply(BigDecimal.valueOf(days))
                .divide(DAY_DIVISOR, DISPLAY_SCALE, RoundingMode.HALF_EVEN);
            return new InterestPeriod(from, to, principal, rate, days, exact);
        }

        /**
         * Whether a notice fee dated {@code day} is owed (DOMAIN.md 5-6, the rule of the EUR 40): the day is after the
         * due date and principal unpaid at the end of the due date is still unpaid at the start of the day (payments
         * by their value dates before it, credit notes from the due date). An invoice paid on time, whenever the
         * payment was posted, owes no reminder or letter fee; a fee owed on its day stays owed when money comes later.
         */
        boolean lateOn(LocalDate day) {
            return day.isAfter(terms.dueDate()) && principal.isPositive();
        }

        /** On the day after the due date: EUR 40 when principal was still unpaid at the end of the due date. */
        void checkCompensation(LocalDate day) {
            if (compensationChecked || !terms.euCompensation() || !day.isAfter(terms.dueDate())) {
                return;
            }
            compensationChecked = true;
            if (principal.isPositive()) {
                if (terms.compensation() == null) {
                    compensationUnconverted = true; // owed, but no rate to convert it: said, never a silent 0
                } else {
                    compensation = terms.compensation();
                }
            }
        }

        Money cappedFees() {
            Money since = feesCharged.plus(compensation).minus(feesChargedBefore);
            Money room = room();
            return feesAdmittedBefore.plus(room == null ? since : since.min(room));
        }

        Money accruedInterestUncapped() {
            return new Money(numerator.divide(DAY_DIVISOR, Money.minorUnit(zero.currency()), Money.ROUNDING),
                zero.currency());
        }

        Money cappedInterest() {
            Money since = accruedInterestUncapped().minus(interestAccruedBefore);
            Money room = room();
            if (room == null) {
                return interestAdmittedBefore.plus(since);
            }
            Money feesSince = cappedFees().minus(feesAdmittedBefore);
            return interestAdmittedBefore.plus(since.min(room.minus(feesSince).atLeastZero()));
        }

        Money feesDue() {
            return cappedFees().minus(feesPaid).minus(feesReduced);
        }

        Money interestDue() {
            return cappedInterest().minus(interestPaid).minus(interestReduced);
        }

        Money owed() {
            return feesDue().atLeastZero().plus(interestDue().atLeastZero()).plus(principal);
        }

        /**
         * What the customer's credit of {@code postedAt} pays of the invoice on {@code day} before any disputed part:
         * all it owes when no dispute counts then; nothing when the disputes cover all the principal still unpaid
         * (disputed in full: its fees and interest stand or fall with the debt, as {@code disputes.DisputedPart}
         * says); else fees, interest and the principal down to the disputed amount.
         */
        Money undisputedOwed(LocalDate day, java.time.Instant postedAt) {
            Money disputed = zero;
            for (DisputeFact d : disputes) {
                if (d.countsFor(day, postedAt)) {
                    disputed = disputed.plus(d.openAsOf(asOf));
                }
            }
            if (!disputed.isPositive()) {
                return owed();
            }
            if (disputed.compareTo(principal) >= 0) {
                return zero;
            }
            return owed().minus(disputed);
        }

        /** A reduction takes at most what is owed on its component: it never turns into a refund. */
        void reduce(Component component, Money amount) {
            switch (component) {
                case FEES -> feesReduced = feesReduced.plus(amount.min(feesDue().atLeastZero()));
                case INTEREST -> interestReduced = interestReduced.plus(amount.min(interestDue().atLeastZero()));
                case PRINCIPAL -> principal = principal.minus(amount.min(principal));
                default -> {
                }
            }
        }

        /** Fees, then interest, then principal (Civil Code art. 561). Returns what is left of the money. */
        Money pay(String reference, Money money, List<Split> splits) {
            Money rest = money;
            Money fees = rest.min(feesDue().atLeastZero());
            if (fees.isPositive()) {
                feesPaid = feesPaid.plus(fees);
                splits.add(new Split(reference, terms.invoiceNumber(), Component.FEES, fees));
                rest = rest.minus(fees);
            }
            Money interest = rest.min(interestDue().atLeastZero());
            if (interest.isPositive()) {
                interestPaid = interestPaid.plus(interest);
                splits.add(new Split(reference, terms.invoiceNumber(), Component.INTEREST, interest));
                rest = rest.minus(interest);
            }
            Money toPrincipal = rest.min(principal);
            if (toPrincipal.isPositive()) {
                principal = principal.minus(toPrincipal);
                principalPaid = principalPaid.plus(toPrincipal);
                splits.add(new Split(reference, terms.invoiceNumber(), Component.PRINCIPAL, toPrincipal));
                rest = rest.minus(toPrincipal);
            }
            return rest;
        }

        /**
         * A cap that a later fee lowered can leave interest paid beyond what is now owed: that money is the
         * customer's (returned as credit), and what is owed never goes below zero.
         */
        Money clampNegativeCharges() {
            Money excess = zero;
            if (feesDue().isNegative()) {
                excess = excess.minus(feesDue());
            }
            if (interestDue().isNegative()) {
                excess = excess.minus(interestDue());
            }
            return excess;
        }

        InvoiceFigures figures() {
            Money interest = interestDue().atLeastZero();
            Money fees = feesDue().atLeastZero();
            Money total = principal.plus(interest).plus(fees);
            Statement statement = new Statement(terms.invoiceNumber(), terms.currency(), asOf, principal.amount(),
                interest.amount(), fees.amount(), total.amount());
            Money uncapped = accruedInterestUncapped();
            BigDecimal exact = numerator.divide(DAY_DIVISOR, DISPLAY_SCALE, RoundingMode.HALF_EVEN);
            InterestAccrual accrual = new InterestAccrual(List.copyOf(periods), exact, uncapped);
            boolean capReached = (cap != null || !terms.capChanges().isEmpty())
                && cappedFees().plus(cappedInterest()).compareTo(feesCharged.plus(compensation).plus(uncapped)) < 0;
            return new InvoiceFigures(statement, accrual, cappedInterest(), cappedFees(), compensation, cap,
                capReached, interestPaid, feesPaid, principalPaid, compensationUnconverted, writtenOff);
        }
    }
}
