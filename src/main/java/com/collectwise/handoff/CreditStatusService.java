package com.collectwise.handoff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.api.NotFoundException;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CompanySettings;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.fees.StatementService;
import com.collectwise.handoff.CreditStatus.CurrencyTotal;
import com.collectwise.money.Money;
import com.collectwise.disputes.DisputeService;
import com.collectwise.disputes.DisputedPart;

/**
 * The credit status of a customer: HOLD while a case of the customer is at formal demand or later, and after that
 * for as long as the hold period is open (it ends only when nothing of the customer is overdue: {@link CreditHold}).
 */
@Service
public class CreditStatusService {

    private final CustomerRepository customers;
    private final InvoiceRepository invoices;
    private final StatementService statements;
    private final BusinessClock clock;
    private final CreditHold creditHold;
    private final String homeCurrency;
    private final DisputeService disputes;

    public CreditStatusService(CustomerRepository customers, InvoiceRepository invoices, StatementService statements,
                               BusinessClock clock, CreditHold creditHold, CompanySettings company,
                               DisputeService disputes) {
        this.disputes = disputes;
        this.homeCurrency = currencyOf(company.interest().homeCountry());
        this.customers = customers;
        this.invoices = invoices;
        this.statements = statements;
        this.clock = clock;
        this.creditHold = creditHold;
    }

    /** @throws NotFoundException when the customer is unknown */
    // not read-only: the late-fee decision writes decision history, which PostgreSQL refuses in a read-only transaction
    @Transactional
    public CreditStatus status(String customerId) {
        if (!customers.exists(customerId)) {
            throw new NotFoundException("There is no customer " + customerId);
        }
        LocalDate today = clock.today();
        List<Invoice> open = invoices.findOpenByCustomer(customerId);
        boolean hold = open.stream().anyMatch(i -> i.stage().holdsCredit()) || creditHold.isOnHold(customerId);
        Map<String, BigDecimal> overdueByCurrency = new TreeMap<>();
        // of it: under open dispute (named) and asked for (as if the disputes were credited)
        Map<String, BigDecimal> disputedByCurrency = new TreeMap<>();
        Map<String, BigDecimal> undisputedByCurrency = new TreeMap<>();
        // per currency: how many open invoices are overdue, how many are open
        Map<String, int[]> countsByCurrency = new TreeMap<>();
        // one replay of the customer's account for all its invoices
        var account = open.isEmpty() ? null : statements.account(customerId, today).result();
        java.util.Set<String> disputed = disputes.withOpenDisputes(
            open.stream().filter(i -> i.dueDate().isBefore(today)).map(Invoice::invoiceNumber).toList());
        for (Invoice invoice : open) {
            boolean pastDue = invoice.dueDate().isBefore(today);
            int[] counts = countsByCurrency.computeIfAbsent(invoice.currency(), c -> new int[2]);
            counts[0] += pastDue ? 1 : 0;
            counts[1]++;
            BigDecimal overdue = pastDue
                ? account.invoice(invoice.invoiceNumber()).statement().total() : BigDecimal.ZERO;
            overdueByCurrency.merge(invoice.currency(), overdue, BigDecimal::add);
            DisputedPart part = pastDue && disputed.contains(invoice.invoiceNumber())
                ? disputes.part(invoice, today) : null;
            disputedByCurrency.merge(invoice.currency(), part == null ? BigDecimal.ZERO : part.disputed(),
                BigDecimal::add);
            undisputedByCurrency.merge(invoice.currency(), part == null ? overdue : part.undisputed(), BigDecimal::add);
        }
        // main currency: the one most of the customer's overdue invoices are in, then the one most of its open
        // invoices are in (ties: alphabetical), so that a HOLD never shows "0.00" while money in another currency is
        // overdue; without open invoices the currency the customer was invoiced in most, else the company's own
        String main = countsByCurrency.entrySet().stream()
            .max(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> e.getValue()[0])
                .thenComparingInt(e -> e.getValue()[1])
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
            .map(Map.Entry::getKey).orElseGet(() -> usualCurrency(customerId));
        BigDecimal mainTotal = main == null ? BigDecimal.ZERO.setScale(2)
            : minor(overdueByCurrency.getOrDefault(main, BigDecimal.ZERO), main);
        List<CurrencyTotal> others = overdueByCurrency.entrySet().stream()
            .filter(e -> !e.getKey().equals(main))
            .map(e -> new CurrencyTotal(e.getKey(), minor(e.getValue(), e.getKey()),
                minor(disputedByCurrency.get(e.getKey()), e.getKey()),
                minor(undisputedByCurrency.get(e.getKey()), e.getKey())))
            .toList();
        return new CreditStatus(customerId, hold ? CreditStatus.HOLD : CreditStatus.OK, mainTotal, main, others,
            today, main == null ? BigDecimal.ZERO.setScale(2)
                : minor(disputedByCurrency.getOrDefault(main, BigDecimal.ZERO), main),
            main == null ? BigDecimal.ZERO.setScale(2)
                : minor(undisputedByCurrency.getOrDefault(main, BigDecimal.ZERO), main));
    }

    /** The currency most of the customer's invoices (settled ones too) were in; none: the company's home currency. */
    private String usualCurrency(String customerId) {
        Map<String, Integer> byCurrency = new TreeMap<>();
        invoices.findByCustomer(customerId).forEach(i -> byCurrency.merge(i.currency(), 1, Integer::sum));
        return byCurrency.entrySet().stream()
            .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
            .map(Map.Entry::getKey).orElse(homeCurrency);
    }

    /** The currency of an ISO 3166 country (CN: CNY), or null when there is none. */
    private static String currencyOf(String country) {
        try {
            java.util.Currency currency = java.util.Currency.getInstance(new java.util.Locale("", country.trim()
                .toUpperCase(java.util.Locale.ROOT)));
            return currency == null ? null : currency.getCurrencyCode();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** At the currency's minor unit (JPY 0 decimals, KWD 3). */
    private static BigDecimal minor(BigDecimal amount, String currency) {
        return Money.rounded(amount, currency).amount();
    }
}
