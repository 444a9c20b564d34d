package com.collectwise.handoff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.CaseVariables;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;

/**
 * Applies agency reports that were kept in the inbox because their case was not waiting for one (or
 * was not known yet): every few minutes, each kept report whose case now waits reaches it, oldest
 * first. Money of a report is booked as soon as its invoice is known (the booking is idempotent by the
 * report's payment reference, so a report booked at receipt is not booked twice). Reports never
 * disappear: what cannot be applied stays KEPT for the next round and for a person to look at.
 */
@Service
public class AgencyReportRetry {

    private static final Logger log = LoggerFactory.getLogger(AgencyReportRetry.class);
    private static final int BATCH = 100;

    private final AgencyReportInbox inbox;
    private final InvoiceRepository invoices;
    private final CaseEngine cases;
    private final AgencyReportService reports;
    private final BusinessClock clock;
    private final TransactionTemplate transaction;

    public AgencyReportRetry(AgencyReportInbox inbox, InvoiceRepository invoices, CaseEngine cases,
                             AgencyReportService reports, BusinessClock clock,
                             PlatformTransactionManager transactionManager) {
        this.inbox = inbox;
        this.invoices = invoices;
        this.cases = cases;
        this.reports = reports;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** @return how many kept reports reached their case in this round */
    @Scheduled(initialDelayString = "${collectwise.inbox.retry-interval}",
        fixedDelayString = "${collectwise.inbox.retry-interval}")
    public int retryKept() {
        int applied = 0;
        long after = 0;
        // every kept report, a page at a time: the oldest ones may never apply (their case ended) and must not keep
        // the newer ones from being looked at
        while (true) {
            java.util.List<AgencyReportInbox.Kept> page = inbox.kept(after, BATCH);
            for (AgencyReportInbox.Kept kept : page) {
                after = kept.id();
                try {
                    Boolean done = transaction.execute(status -> apply(kept));
                    if (Boolean.TRUE.equals(done)) {
                        applied++;
                    }
                } catch (RuntimeException e) {
                    // ids only: the payload may name a debtor
                    log.warn("Kept agency report {} could not be applied yet ({}); retrying later", kept.id(),
                        e.getClass().getSimpleName());
                }
            }
            if (page.size() < BATCH) {
                return applied;
            }
        }
    }

    private boolean apply(AgencyReportInbox.Kept kept) {
        Invoice invoice = kept.invoiceNumber() == null ? null : invoices.find(kept.invoiceNumber()).orElse(null);
        if (invoice == null) {
            return false;
        }
        AgencyReport report = reports.stored(kept.payload());
        // a report older than the running mandate or than a report the case took stays kept (its money is booked)
        boolean reached = cases.awaits(invoice.invoiceNumber(), CaseVariables.MSG_AGENCY_REPORT)
            && reports.newerThan(invoice, report) == null && inbox.claim(kept.id(), clock.now());
        reports.deliver(invoice, report, reached);
        return reached;
    }
}
