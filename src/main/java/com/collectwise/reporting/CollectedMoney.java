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
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.money.AccountReplay;
import com.collectwise.payments.PaymentRepository;

/**
 * The money collected up to a date, per invoice and value date: what every collected figure of the dashboard (per
 * stage, per month, per collector) sums. It agrees with the {@code paid} of the statements of that date (DOMAIN.md 5,
 * "every figure is a replay"): the allocations recorded when each payment was posted are the replay's split as long
 * as the customer's payments were posted in date order; a customer with a back-dated payment (posted after one dated
 * later, which the replay may split otherwise across the customer's invoices) has their splits replayed as of the
 * date instead, from the same account replay the statements use; so has a customer who held money as credit when
 * a payment was posted (the replay applies it to what they owe later, the recorded allocations never do), and one
 * with a ledger line of any kind (fee, credit note, waiver, discount, write-off) posted after a payment dated on or
 * after it. All are rare, so few accounts are replayed.
 */
@Component
class CollectedMoney {

    private final PaymentRepository payments;
    private final StatementService statements;
    private final Ledger ledger;
    private final InvoiceRepository invoices;

    CollectedMoney(PaymentRepository payments, StatementService statements, Ledger ledger,
                   InvoiceRepository invoices) {
        this.payments = payments;
        this.statements = statements;
        this.ledger = ledger;
        this.invoices = invoices;
    }

    /**
     * The customers whose recorded allocations may differ from the replay's split as of the day: a back-dated or
     * reversed payment; money held as credit when a payment was posted (the replay applies it to what they owe
     * later: an invoice registered afterwards, a fee); or a ledger line of any kind (fee, credit note, waiver,
     * discount, write-off) posted after a payment of theirs dated on or after the line (the replay takes the line
     * before that payment, so the payment may pay another invoice or hold credit).
     */
    Set<String> replayedCustomers(LocalDate asOf) {
        Set<String> replayed = new java.util.HashSet<>(payments.customersWithBackDatedPayments(asOf));
        replayed.addAll(payments.customersWithCreditHeld(asOf));
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
                    l -> !l.createdAt().isBefore(p.createdAt()) && !p.receivedOn().isBefore(l.bookedOn()))) {
                replayed.add(p.customerId());
            }
        }
        return replayed;
    }

    List<PaymentRepository.CollectedOn> perInvoiceAndDay(LocalDate asOf) {
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
