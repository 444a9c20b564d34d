package com.collectwise.statements;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.api.NotFoundException;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Customer;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.disputes.DisputeService;
import com.collectwise.fees.InterestBasis;
import com.collectwise.fees.Ledger;
import com.collectwise.fees.StatementService;
import com.collectwise.money.AccountReplay;
import com.collectwise.money.Component;
import com.collectwise.money.LedgerEntry;
import com.collectwise.money.LedgerEntryType;
import com.collectwise.money.Money;
import com.collectwise.money.Statement;
import com.collectwise.statements.StatementOfAccount.Applied;
import com.collectwise.statements.StatementOfAccount.CreditLine;
import com.collectwise.statements.StatementOfAccount.CurrencyTotal;
import com.collectwise.statements.StatementOfAccount.InvoiceLine;
import com.collectwise.statements.StatementOfAccount.PaymentLine;

/**
 * Builds the statement of account from one replay of the customer's account ({@link StatementService#account}):
 * no money is computed here, the lines are read off the replay (figures per invoice, splits of each payment,
 * customer credit) and the ledger's reductions.
 */
@Service
public class StatementOfAccountService {

    private static final Set<LedgerEntryType> CREDITS = Set.of(LedgerEntryType.CREDIT_NOTE, LedgerEntryType.DISCOUNT,
        LedgerEntryType.INTEREST_WAIVER, LedgerEntryType.FEE_WAIVER);

    private final CustomerRepository customers;
    private final InvoiceRepository invoices;
    private final StatementService statements;
    private final Ledger ledger;
    private final DisputeService disputes;

    public StatementOfAccountService(CustomerRepository customers, InvoiceRepository invoices,
                                     StatementService statements, Ledger ledger, DisputeService disputes) {
        this.disputes = disputes;
        this.customers = customers;
        this.invoices = invoices;
        this.statements = statements;
        this.ledger = ledger;
    }

    /** @throws NotFoundException when the customer is unknown */
    // not read-only: the late-fee decision writes decision history, which PostgreSQL refuses in a read-only transaction
    @Transactional
    public StatementOfAccount statement(String customerId, LocalDate asOf) {
        Customer customer = customers.find(customerId)
            .orElseThrow(() -> new NotFoundException("There is no customer " + customerId));
        StatementService.CustomerAccount replayed = statements.account(customerId, asOf);
        AccountReplay.Result account = replayed.result();

        List<Invoice> open = invoices.findByCustomer(customerId).stream()
            .filter(i -> !i.issueDate().isAfter(asOf))
            .filter(i -> account.invoice(i.invoiceNumber()).statement().total().signum() > 0)
            .sorted(Comparator.comparing(Invoice::dueDate).thenComparing(Invoice::invoiceNumber))
            .toList();
        Set<String> listed = new TreeSet<>();
        open.forEach(i -> listed.add(i.invoiceNumber()));
        Map<String, List<LedgerEntry>> entries = ledger.listByCustomer(customerId);

        List<InvoiceLine> invoiceLines = new ArrayList<>();
        List<CreditLine> credits = new ArrayList<>();
        Map<String, BigDecimal[]> sums = new TreeMap<>(); // currency -> principal, interest, fees, total, undisputed
        for (Invoice i : open) {
            AccountReplay.InvoiceFigures f = account.invoice(i.invoiceNumber());
            Statement s = f.statement();
            BigDecimal credited = BigDecimal.ZERO;
            for (LedgerEntry e : entries.getOrDefault(i.invoiceNumber(), List.of())) {
                if (e.bookedOn().isAfter(asOf) || !CREDITS.contains(e.type())) {
                    continue;
                }
                credits.add(new CreditLine(i.invoiceNumber(), e.type().name(), e.bookedOn(), i.currency(),
                    e.amount().amount(), e.reason()));
                if (e.type() == LedgerEntryType.CREDIT_NOTE) {
                    credited = credited.add(e.amount().amount());
                }
            }
            if (f.writtenOff().isPositive()) {
                // owing again after a write-off or sale (money taken back): what the replay says it closed, on its day
                LedgerEntry closing = entries.getOrDefault(i.invoiceNumber(), List.of()).stream()
                    .filter(e -> e.type() == LedgerEntryType.WRITE_OFF && !e.bookedOn().isAfter(asOf))
                    .reduce((first, second) -> second).orElse(null);
                if (closing != null) {
                    credits.add(new CreditLine(i.invoiceNumber(), AccountReplay.isSale(closing) ? "SALE" : "WRITE_OFF",
                        closing.bookedOn(), i.currency(), f.writtenOff().amount(), closing.reason()));
                }
            }
            BigDecimal paid = f.feesPaid().plus(f.interestPaid()).plus(f.principalPaid()).amount();
            InterestBasis basis = replayed.bases().get(i.invoiceNumber());
            // late as of the date and no rate to run at: the statement says why (DOMAIN 6), never a silent 0
            InterestBasis.Source rateGap = basis != null && asOf.isAfter(i.dueDate())
                && (basis.source() == InterestBasis.Source.UNKNOWN || basis.source() == InterestBasis.Source.NONE)
                ? basis.source() : null;
            String compensationNote = StatementService.compensationNote(i, f.compensationUnconverted());
            String note = rateGap == null ? compensationNote
                : compensationNote == null ? basis.description() : basis.description() + "; " + compensationNote;
            BigDecimal disputed = disputes.disputed(i.invoiceNumber(), asOf);
            // the undisputed part is asked for while the disputes run (DOMAIN.md 5): the replay as if credited
            BigDecimal undisputed = disputed.signum() > 0 ? disputes.part(i, asOf).undisputed() : s.total();
            invoiceLines.add(new InvoiceLine(i.invoiceNumber(), i.issueDate(), i.dueDate(),
                Math.max(0, ChronoUnit.DAYS.between(i.dueDate(), asOf)), i.currency(),
                minor(i.amount(), i.currency()), minor(credited, i.currency()), paid, s.principal(), s.interest(),
                s.fees(), s.total(), note, disputed, undisputed, rateGap,
                rateGap == null ? null : basis.description(), f.compensationUnconverted()));
            BigDecimal[] sum = sums.computeIfAbsent(i.currency(), c -> new BigDecimal[] {BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            sum[0] = sum[0].add(s.principal());
            sum[1] = sum[1].add(s.interest());
            sum[2] = sum[2].add(s.fees());
            sum[3] = sum[3].add(s.total());
            sum[4] = sum[4].add(undisputed);
        }

        List<PaymentLine> payments = payments(customerId, asOf, account, listed);
        TreeSet<String> currencies = new TreeSet<>(sums.keySet());
        currencies.addAll(account.credit().keySet());
        List<CurrencyTotal> totals = new ArrayList<>();
        for (String currency : currencies) {
            BigDecimal[] sum = sums.getOrDefault(currency, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            totals.add(new CurrencyTotal(currency, minor(sum[0], currency), minor(sum[1], currency),
                minor(sum[2], currency), minor(sum[3], currency), account.credit(currency).amount(),
                minor(sum[4], currency)));
        }
        return new StatementOfAccount(customerId, customer.name(), asOf, List.copyOf(invoiceLines),
            payments, List.copyOf(credits), List.copyOf(totals));
    }

    /**
     * Payments received by the date, not reversed by then, that paid a listed invoice, are held as credit or are held
     * for an invoice not yet issued (a prepayment). Each shows all of its allocations: to a listed invoice (OPEN), to
     * one that owes nothing any more as of the date (SETTLED, not listed), to one issued after the date
     * (NOT_YET_ISSUED: the money is received and held for it). The figures are the replay's, unchanged.
     */
    private List<PaymentLine> payments(String customerId, LocalDate asOf, AccountReplay.Result account,
                                       Set<String> listed) {
        Map<String, LocalDate> issued = new HashMap<>();
        invoices.findByCustomer(customerId).forEach(i -> issued.put(i.invoiceNumber(), i.issueDate()));
        Map<String, AccountReplay.PaymentFact> facts = new LinkedHashMap<>();
        statements.payments(customerId).stream()
            .filter(p -> !p.receivedOn().isAfter(asOf))
            .filter(p -> p.reversedOn() == null || p.reversedOn().isAfter(asOf))
            .sorted(Comparator.comparing(AccountReplay.PaymentFact::receivedOn)
                .thenComparing(AccountReplay.PaymentFact::reference))
            .forEach(p -> facts.put(p.reference(), p));
        List<PaymentLine> lines = new ArrayList<>();
        for (AccountReplay.PaymentFact p : facts.values()) {
            Map<String, Money> applied = new LinkedHashMap<>();
            Money held = Money.zero(p.amount().currencyCode());
            boolean shown = false;
            for (AccountReplay.Split split : account.splitsOf(p.reference())) {
                if (split.component() == Component.CREDIT) {
                    held = held.plus(split.amount());
                    continue;
                }
                applied.merge(split.invoiceNumber(), split.amount(), Money::plus);
                LocalDate issueDate = issued.get(split.invoiceNumber());
                shown |= listed.contains(split.invoiceNumber()) || issueDate != null && issueDate.isAfter(asOf);
            }
            if (!shown && !held.isPositive()) {
                continue; // paid only invoices that are no longer open: not part of this statement
            }
            List<Applied> parts = new ArrayList<>();
            for (Map.Entry<String, Money> e : applied.entrySet()) {
                LocalDate issueDate = issued.get(e.getKey());
                String status = listed.contains(e.getKey()) ? Applied.OPEN
                    : issueDate != null && issueDate.isAfter(asOf) ? Applied.NOT_YET_ISSUED : Applied.SETTLED;
                parts.add(new Applied(e.getKey(), e.getValue().amount(), status));
            }
            lines.add(new PaymentLine(p.reference(), p.receivedOn(), p.amount().currencyCode(), p.amount().amount(),
                List.copyOf(parts), held.amount()));
        }
        return List.copyOf(lines);
    }

    private static BigDecimal minor(BigDecimal amount, String currency) {
        return Money.rounded(amount, currency).amount();
    }
}
