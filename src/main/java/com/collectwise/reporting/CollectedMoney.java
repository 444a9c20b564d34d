package com.collectwise.reporting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.collectwise.fees.Ledger;
import com.collectwise.fees.StatementService;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.money.AccountReplay;
import com.collectwise.payments.PaymentRepository;

/**
 * The money collected up to a date, per invoice and value date: what every collected figure of the dashboard (per
 * stage, per month, per collector) sums. It agrees with the {@code paid} of the statements of that date (DOMAIN.md 5,
 * "every figure is a replay"): the allocations recorded when each payment was posted are the replay's split as long
 * as every dated fact of the customer was posted in date order. A customer whose facts were not is replayed as of the
 * date instead, from the same account replay the statements use ({@link #replayedCustomers}): a back-dated or
 * reversed payment (money kept unapplied counts as posted when applied; a reversal whatever its date), a ledger line
 * of any kind posted after a payment dated on or after it (a credit note whatever its date), an invoice registered
 * after a payment but issued by its value date (or issued between a late-posted payment's value date and its
 * posting), money held as credit when a payment was posted (the replay applies it to what the customer owes
 * later), or a rate entered or corrected after its payments were split (marked by payments when the rate was
 * entered). All are rare, so few accounts are replayed.
 */
@Component
class CollectedMoney {

    private final PaymentRepository payments;
    private final StatementService statements;
    private final Ledger ledger;
    private final InvoiceRepository invoices;
    private final BusinessClock clock;

    CollectedMoney(PaymentRepository payments, StatementService statements, Ledger ledger,
                   InvoiceRepository invoices, BusinessClock clock) {
        this.clock = clock;
        this.payments = payments;
        this.statements = statements;
        this.ledger = ledger;
        this.invoices = invoices;
    }

    /**
     * The customers whose recorded allocations may differ from the replay's split as of the day: a back-dated or
     * reversed payment; money held as credit when a payment was posted (the replay applies it to what they owe
     * later: an invoice registered afterwards, a fee); an invoice out of step with a payment
     * ({@link #addInvoicesOutOfStep}); or a ledger line of any kind (fee, credit note, waiver, discount, write-off)
     * posted after a payment of theirs dated on or after the line (the replay takes the line before that payment, so
     * the payment may pay another invoice or hold credit), or a credit note posted after a payment whatever its date
     * (it reduces its invoice from the due date). One query each per report, never one per customer.
     */
    Set<String> replayedCustomers(LocalDate asOf) {
        Set<String> replayed = new java.util.HashSet<>(payments.customersWithBackDatedPayments(asOf));
        replayed.addAll(payments.customersWithCreditHeld(asOf));
        replayed.addAll(payments.customersReplayedSinceRates());
        addInvoicesOutOfStep(asOf, replayed);
        List<Ledger.Dated> lines = ledger.linesDatedBy(asOf);
        if (lines.isEmpty()) {
            return replayed;
        }
        Map<String, String> customerOf = invoices.customersOf(
            lines.stream().map(Ledger.Dated::invoiceNumber).collect(java.util.stream.Collectors.toSet()));
        Map<String, List<Ledger.Dated>> byCustomer = new HashMap<>();
        for (Ledger.Dated line : lines) {
            String customerId = customerOf.get(line.invoiceNumber());
            if (customerId != null && !replayed.contains(customerId)) {
                byCustomer.computeIfAbsent(customerId, c -> new ArrayList<>()).add(line);
            }
        }
        if (byCustomer.isEmpty()) {
            return replayed;
        }
        for (PaymentRepository.Posted p : payments.postedOf(byCustomer.keySet(), asOf)) {
            List<Ledger.Dated> dated = byCustomer.get(p.customerId());
            if (dated != null && dated.stream().anyMatch(
                    l -> !l.createdAt().isBefore(p.createdAt())
                        && (l.creditNote() || !p.receivedOn().isBefore(l.bookedOn())))) {
                replayed.add(p.customerId());
            }
        }
        return replayed;
    }

    /**
     * Adds the customers with a payment whose money the replay spreads over their invoices (no invoice named, or more
     * than the named one took) and an invoice in its currency that its recorded allocations did not see as the replay
     * does: one registered after the payment was posted but issued by its value date (the replay pays it out of that
     * payment, oldest due first), or, for a payment posted after its value date, one issued after the value date, by
     * the posting day and after the day asked (the posting recorded what the payment's credit paid there on the
     * value date; the replay of the day still holds it as credit).
     */
    private void addInvoicesOutOfStep(LocalDate asOf, Set<String> replayed) {
        List<PaymentRepository.Pooled> pooled = payments.pooledPayments(asOf).stream()
            .filter(p -> !replayed.contains(p.customerId())).toList();
        if (pooled.isEmpty()) {
            return;
        }
        Map<String, List<InvoiceRepository.Dated>> invoicesOf = new HashMap<>();
        invoices.datedOf(pooled.stream().map(PaymentRepository.Pooled::customerId)
                .collect(java.util.stream.Collectors.toSet()))
            .forEach(i -> invoicesOf.computeIfAbsent(i.customerId(), c -> new ArrayList<>()).add(i));
        for (PaymentRepository.Pooled p : pooled) {
            if (replayed.contains(p.customerId())) {
                continue;
            }
            LocalDate postedOn = LocalDate.ofInstant(p.createdAt(), clock.zone());
            for (InvoiceRepository.Dated i : invoicesOf.getOrDefault(p.customerId(), List.of())) {
                boolean registeredAfter = !i.createdAt().isBefore(p.createdAt());
                boolean issuedBy = !i.issueDate().isAfter(p.receivedOn());
                if (i.currency().equals(p.currency()) && (registeredAfter && issuedBy
                        || !registeredAfter && !issuedBy && !i.issueDate().isAfter(postedOn)
                            && i.issueDate().isAfter(asOf))) {
                    replayed.add(p.customerId());
                    break;
                }
            }
        }
    }

    /**
     * The money collected by the day per invoice and value date; computed once per transaction (the dashboard's
     * figures per stage and per month and its collector report read the same).
     */
    List<PaymentRepository.CollectedOn> perInvoiceAndDay(LocalDate asOf) {
        return com.collectwise.kernel.TransactionCache.get(new CollectedKey(asOf),
            () -> List.copyOf(collectedPerInvoiceAndDay(asOf)));
    }

    private record CollectedKey(LocalDate asOf) {
    }

    private List<PaymentRepository.CollectedOn> collectedPerInvoiceAndDay(LocalDate asOf) {
        Set<String> replayed = replayedCustomers(asOf);
        List<PaymentRepository.CollectedOn> result = new ArrayList<>();
        payments.collectedPerCustomerInvoiceAndDay(asOf).stream()
            .filter(c -> !replayed.contains(c.customerId()))
            .forEach(c -> result.add(c.collected()));
        for (String customerId : replayed) {
            Map<String, LocalDate> valueDates = new HashMap<>();
            statements.payments(customerId).forEach(p -> valueDates.put(p.reference(), p.receivedOn()));
            Map<List<Object>, java.math.BigDecimal> sums = new java.util.LinkedHashMap<>();
            for (AccountReplay.Split s : statements.account(customerId, asOf).result().splits()) {
                if (s.invoiceNumber() == null || s.component() == com.collectwise.money.Component.CREDIT) {
                    continue;
                }
                sums.merge(List.of(s.amount().currencyCode(), s.invoiceNumber(), valueDates.get(s.paymentReference())),
                    s.amount().amount(), java.math.BigDecimal::add);
            }
            sums.forEach((k, amount) -> result.add(new PaymentRepository.CollectedOn((String) k.get(0),
                (String) k.get(1), (LocalDate) k.get(2), amount)));
        }
        return result;
    }

    /** {@link #perInvoiceAndDay} summed per invoice. */
    List<PaymentRepository.Collected> perInvoice(LocalDate asOf) {
        Map<List<String>, java.math.BigDecimal> sums = new java.util.TreeMap<>(
            java.util.Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
        perInvoiceAndDay(asOf).forEach(c -> sums.merge(List.of(c.currency(), c.invoiceNumber()), c.amount(),
            java.math.BigDecimal::add));
        List<PaymentRepository.Collected> result = new ArrayList<>();
        sums.forEach((k, amount) -> result.add(new PaymentRepository.Collected(k.get(0), k.get(1), amount)));
        return result;
    }
}
