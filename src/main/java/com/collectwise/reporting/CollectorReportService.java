package com.collectwise.reporting;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Service;

import com.collectwise.cases.OverdueCauses;
import com.collectwise.cases.PromiseBook;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.payments.PaymentRepository;
import com.collectwise.cases.OverdueCause;
import com.collectwise.money.Money;

/**
 * The causes of late payment and the view per collector on the finance dashboard. Plain SQL over the contact log,
 * the causes, the promises and the allocations, each counted up to the end of the report date (company zone).
 */
@Service
public class CollectorReportService {

    /** A contact logged without a collector (e.g. the system noting a broken promise) is nobody's work. */
    static final String NOBODY = "(none)";

    private final OverdueCauses overdueCauses;
    private final ContactLog contacts;
    private final PromiseBook promises;
    private final CollectedMoney collectedMoney;
    private final InvoiceRepository invoices;
    private final CustomerRepository customers;
    private final BusinessClock clock;
    private final AgingReportService aging;

    public CollectorReportService(OverdueCauses overdueCauses, ContactLog contacts, PromiseBook promises,
                                  CollectedMoney collectedMoney, InvoiceRepository invoices, CustomerRepository customers,
                                  BusinessClock clock, AgingReportService aging) {
        this.aging = aging;
        this.overdueCauses = overdueCauses;
        this.contacts = contacts;
        this.promises = promises;
        this.collectedMoney = collectedMoney;
        this.invoices = invoices;
        this.customers = customers;
        this.clock = clock;
    }

    public CollectorReport report(LocalDate asOf) {
        Timestamp endOfDay = Timestamp.from(asOf.plusDays(1).atStartOfDay(clock.zone()).toInstant());
        Map<String, Acc> lines = new TreeMap<>();

        // a cause heard on one call with a customer is kept on each invoice the call covered: it counts once
        List<OverdueCauses.Heard> heard = overdueCauses.heardBefore(endOfDay.toInstant());
        Map<String, Integer> perCause = new TreeMap<>();
        heard.forEach(h -> perCause.merge(h.cause(), 1, Integer::sum));
        List<CollectorReport.CauseCount> causes = new ArrayList<>();
        perCause.forEach((code, count) -> causes.add(new CollectorReport.CauseCount(code,
            OverdueCause.parse(code).map(OverdueCause::label).orElse(code), count)));
        causes.sort(Comparator.comparingInt(CollectorReport.CauseCount::count).reversed()
            .thenComparing(CollectorReport.CauseCount::cause));

        heard.forEach(h -> acc(lines, h.collector()).causes.merge(h.cause(), 1, Integer::sum));
        // one call with a customer is logged on each invoice it covered, at the same moment: it counts once
        contacts.callsAndVisitsPerCollector(endOfDay.toInstant())
            .forEach((collector, count) -> acc(lines, collector).contacts += count);
        promises.givenBefore(endOfDay.toInstant()).forEach(p -> {
            Acc a = acc(lines, p.createdBy());
            a.promisesMade++;
            if (p.resolvedAt() != null && p.resolvedAt().isBefore(endOfDay.toInstant())) {
                if ("KEPT".equals(p.status())) {
                    a.promisesKept++;
                } else if ("BROKEN".equals(p.status())) {
                    a.promisesBroken++;
                }
            }
        });
        // money per collector of the invoice's customer, summed and then rounded per currency
        List<PaymentRepository.Collected> collected = collectedMoney.perInvoice(asOf);
        Map<String, String> customerOf = invoices.customersOf(collected.stream()
            .map(PaymentRepository.Collected::invoiceNumber).collect(java.util.stream.Collectors.toSet()));
        Map<String, String> collectorOf = customers.collectorsOf(new java.util.HashSet<>(customerOf.values()),
            endOfDay.toInstant());
        Map<String, Map<String, BigDecimal>> collectedBy = new java.util.HashMap<>();
        collected.stream().filter(c -> collectorOf.containsKey(customerOf.get(c.invoiceNumber()))).forEach(c ->
            collectedBy.computeIfAbsent(collectorOf.get(customerOf.get(c.invoiceNumber())), k -> new TreeMap<>())
                .merge(c.currency(), c.amount(), BigDecimal::add));
        collectedBy.forEach((collector, perCurrency) -> perCurrency.forEach((currency, amount) ->
            acc(lines, collector).collected.merge(currency, Money.rounded(amount, currency).amount(), BigDecimal::add)));
        List<InvoiceRepository.CustomerStageCount> open = openPerCustomerAndStage(asOf);
        Map<String, String> collectorOfOpen = customers.collectorsOf(open.stream()
            .map(InvoiceRepository.CustomerStageCount::customerId).collect(java.util.stream.Collectors.toSet()),
            endOfDay.toInstant());
        open.stream().filter(o -> collectorOfOpen.containsKey(o.customerId())).forEach(o ->
            acc(lines, collectorOfOpen.get(o.customerId())).stages.merge(o.stage(), o.count(), Integer::sum));

        List<CollectorReport.CollectorLine> collectors = new ArrayList<>();
        lines.forEach((collector, a) -> collectors.add(new CollectorReport.CollectorLine(collector, a.contacts,
            a.promisesMade, a.promisesKept, a.promisesBroken,
            a.collected.entrySet().stream().map(e -> new CollectorReport.Money(e.getKey(), e.getValue())).toList(),
            a.stages, a.causes)));
        return new CollectorReport(causes, collectors);
    }

    /**
     * The cases open at the end of the day, per customer and the stage they were in then: the ageing report's
     * invoices ({@link AgingReportService#openInvoices}: something unpaid as of the date, the stage of the dated
     * history), so a case still open but owing nothing (e.g. waiting for a process step) is no open case here either.
     */
    private List<InvoiceRepository.CustomerStageCount> openPerCustomerAndStage(LocalDate asOf) {
        Map<List<String>, Integer> counts = new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0))
            .thenComparing(k -> k.get(1)));
        for (AgingReportService.OpenInvoice open : aging.openInvoices(asOf)) {
            counts.merge(List.of(open.invoice().customerId(), open.stage().name()), 1, Integer::sum);
        }
        List<InvoiceRepository.CustomerStageCount> result = new ArrayList<>();
        counts.forEach((k, n) -> result.add(new InvoiceRepository.CustomerStageCount(k.get(0), k.get(1), n)));
        return result;
    }

    private static Acc acc(Map<String, Acc> lines, String collector) {
        return lines.computeIfAbsent(collector == null || collector.isBlank() ? NOBODY : collector, c -> new Acc());
    }

    private static final class Acc {
        int contacts;
        int promisesMade;
        int promisesKept;
        int promisesBroken;
        final Map<String, BigDecimal> collected = new TreeMap<>();
        final Map<String, Integer> stages = new TreeMap<>();
        final Map<String, Integer> causes = new TreeMap<>();
    }
}
