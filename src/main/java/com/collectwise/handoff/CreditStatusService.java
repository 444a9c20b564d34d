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
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.fees.StatementService;
import com.collectwise.handoff.CreditStatus.CurrencyTotal;
import com.collectwise.money.Money;

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

    public CreditStatusService(CustomerRepository customers, InvoiceRepository invoices, StatementService statements,
                               BusinessClock clock, CreditHold creditHold) {
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
        Map<String, Integer> invoicesByCurrency = new TreeMap<>();
        // one replay of the customer's account for all its invoices
        var account = open.isEmpty() ? null : statements.account(customerId, today).result();
        for (Invoice invoice : open) {
            invoicesByCurrency.merge(invoice.currency(), 1, Integer::sum);
            BigDecimal overdue = invoice.dueDate().isBefore(today)
                ? account.invoice(invoice.invoiceNumber()).statement().total() : BigDecimal.ZERO;
            overdueByCurrency.merge(invoice.currency(), overdue, BigDecimal::add);
        }
        // main currency: the one most of the customer's open invoices are in (ties: alphabetical)
        String main = invoicesByCurrency.entrySet().stream()
            .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
            .map(Map.Entry::getKey).orElse(null);
        BigDecimal mainTotal = main == null ? BigDecimal.ZERO.setScale(2) : minor(overdueByCurrency.get(main), main);
        List<CurrencyTotal> others = overdueByCurrency.entrySet().stream()
            .filter(e -> !e.getKey().equals(main))
            .map(e -> new CurrencyTotal(e.getKey(), minor(e.getValue(), e.getKey())))
            .toList();
        return new CreditStatus(customerId, hold ? CreditStatus.HOLD : CreditStatus.OK, mainTotal, main, others,
            today);
    }

    /** At the currency's minor unit (JPY 0 decimals, KWD 3). */
    private static BigDecimal minor(BigDecimal amount, String currency) {
        return Money.rounded(amount, currency).amount();
    }
}
