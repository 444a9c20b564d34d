package com.collectwise.limitation;

import static com.collectwise.kernel.CaseVariables.*;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.AfterTransaction;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRegistered;
import com.collectwise.kernel.InvoiceRepository;

/**
 * Daily check: every open case whose limitation date is at most {@code warning-days} away gets the message
 * that starts legal's "Review limitation" task, once per limitation date. A scheduled check rather
 * than a timer in the model because the date moves with facts (payments, promises, delivered letters, suits)
 * that other parts record; recomputing here needs no hook in each of them. The warning row and the message
 * share one transaction, so two nodes running the check warn once.
 * <p>
 * An open review whose limitation date is no longer the claim's (an acknowledgement, a delivered demand or a suit
 * restarted the period since the warning) is withdrawn by the same check, with a note in the case file: its reason is
 * gone, and legal gets a new review, due on the new date, 90 days before it (at once when that is already inside the
 * warning days). Withdrawn rather than re-dated: a task due years ahead would sit in legal's list as if the claim
 * were near limitation. The fact itself ({@link LimitationFactRecorded}) withdraws it too, once it has committed, so
 * legal does not work a review whose reason is gone until the next morning; the daily check stays the safety net.
 */
@Component
public class LimitationWatch {

    private static final Logger log = LoggerFactory.getLogger(LimitationWatch.class);

    private final LimitationService limitation;
    private final InvoiceRepository invoices;
    private final CaseEngine cases;
    private final BusinessClock clock;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    /** Its own transaction after the registering one committed. */
    private final TransactionTemplate own;
    private final int warningDays;
    private final ContactLog contacts;

    public LimitationWatch(LimitationService limitation, InvoiceRepository invoices, CaseEngine cases,
                           BusinessClock clock, JdbcClient jdbc, PlatformTransactionManager transactionManager,
                           LimitationSettings settings, ContactLog contacts) {
        this.contacts = contacts;
        this.limitation = limitation;
        this.invoices = invoices;
        this.cases = cases;
        this.clock = clock;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.own = new TransactionTemplate(transactionManager);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.warningDays = settings.warningDays();
    }

    @Scheduled(cron = "${collectwise.limitation.check-cron}", zone = "${collectwise.zone}")
    public void dailyCheck() {
        int warned = warnDueCases();
        if (warned > 0) {
            log.info("Limitation check: legal warned about {} case(s)", warned);
        }
    }

    /**
     * An invoice registered when its limitation date is already within the warning days (the go-live import of an old
     * ledger) warns legal at once, not at the next daily check ("never from today to tomorrow"): once the registration
     * has committed, with everything it applied (money waiting for the invoice is an acknowledgement), in a
     * transaction of its own. An invoice due less than three years minus the warning days ago is skipped without a
     * query: interruptions only move its limitation date later. A failure is logged; the daily check warns then.
     */
    @TransactionalEventListener(fallbackExecution = true)
    public void invoiceRegistered(InvoiceRegistered registered) {
        LocalDate today = clock.today();
        if (today.isBefore(registered.dueDate().plusYears(LimitationService.YEARS).minusDays(warningDays))) {
            return;
        }
        AfterTransaction.runOrDefer(() -> {
            try {
                // a case just registered has no review open yet
                own.execute(s -> warnIfDue(registered.invoiceNumber(), today, false));
            } catch (DuplicateKeyException e) {
                // the daily check warned at the same moment
            } catch (RuntimeException e) {
                log.error("Invoice {}: legal could not be warned of its limitation date at registration; the daily"
                    + " check warns", registered.invoiceNumber(), e);
            }
        });
    }

    /**
     * A fact that may move the limitation date was recorded: once it has committed, in a transaction of its own, an
     * open review of another date is withdrawn (and legal warned anew when the new date is inside the warning days), as
     * the daily check would do. An invoice due less than three years minus the warning days ago is skipped without a
     * query (no review can be open for it); its row was read by the recording transaction. A failure is logged; the
     * daily check withdraws then.
     */
    @EventListener
    public void factRecorded(LimitationFactRecorded fact) {
        LocalDate today = clock.today();
        Invoice invoice = invoices.find(fact.invoiceNumber()).orElse(null);
        if (invoice == null
            || today.isBefore(invoice.dueDate().plusYears(LimitationService.YEARS).minusDays(warningDays))) {
            return;
        }
        Runnable recheck = () -> AfterTransaction.runOrDefer(() -> {
            try {
                own.execute(s -> warnIfDue(fact.invoiceNumber(), today, true));
            } catch (DuplicateKeyException e) {
                // the daily check warned at the same moment
            } catch (RuntimeException e) {
                log.error("Invoice {}: legal's limitation review could not be checked after a new fact; the daily"
                    + " check does it", fact.invoiceNumber(), e);
            }
        });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    recheck.run();
                }
            });
        } else {
            recheck.run();
        }
    }

    /** @return how many cases were warned now */
    public int warnDueCases() {
        LocalDate today = clock.today();
        List<String> open = invoices.openInvoiceNumbers();
        // the few cases with legal's review open, read once: only these can have a review to withdraw
        Set<String> reviewed = cases.casesWithOpenLimitationReview();
        int warned = 0;
        for (String invoiceNumber : open) {
            try {
                if (Boolean.TRUE.equals(transaction.execute(s -> warnIfDue(invoiceNumber, today,
                    reviewed.contains(invoiceNumber))))) {
                    warned++;
                }
            } catch (DuplicateKeyException e) {
                // another node warned at the same moment
            }
        }
        return warned;
    }

    private boolean warnIfDue(String invoiceNumber, LocalDate today, boolean reviewOpen) {
        Invoice invoice = invoices.find(invoiceNumber).orElse(null);
        if (invoice == null) {
            return false;
        }
        LocalDate date = limitation.limitationDate(invoice, today);
        if (reviewOpen) {
            withdrawStaleReview(invoice, date, today);
        }
        if (today.isBefore(date.minusDays(warningDays))) {
            return false;
        }
        boolean listening = cases.awaits(invoiceNumber, MSG_LIMITATION_APPROACHING);
        boolean warnedBefore = jdbc.sql("SELECT COUNT(*) FROM limitation_warnings WHERE invoice_number = ? AND limitation_date = ?")
            .params(invoiceNumber, date).query(Integer.class).single() > 0;
        if (!listening || warnedBefore) {
            return false;
        }
        jdbc.sql("INSERT INTO limitation_warnings (invoice_number, limitation_date, warned_at) VALUES (?, ?, ?)")
            .params(invoiceNumber, date, Timestamp.from(clock.now())).update();
        cases.limitationApproaching(invoiceNumber, date);
        return true;
    }

    /** Withdraws legal's open review when it was opened for another limitation date than the claim's now. */
    private void withdrawStaleReview(Invoice invoice, LocalDate date, LocalDate today) {
        LocalDate reviewed = cases.openLimitationReview(invoice.invoiceNumber()).orElse(null);
        if (reviewed == null || reviewed.equals(date)) {
            return;
        }
        cases.limitationDateMoved(invoice.invoiceNumber());
        // the warning of that date was withdrawn, not worked: should the date come back (a payment that restarted the
        // period bounces), legal is warned of it again
        jdbc.sql("DELETE FROM limitation_warnings WHERE invoice_number = ? AND limitation_date = ?")
            .params(invoice.invoiceNumber(), reviewed).update();
        LocalDate next = date.minusDays(warningDays);
        contacts.append(new ContactEntry(null, invoice.invoiceNumber(), invoice.customerId(), "NOTE", clock.now(), null,
            null, "LIMITATION_REVIEW_WITHDRAWN", "Limitation review withdrawn: it was opened for the limitation date "
            + reviewed + ", the limitation date is now " + date
            + (date.isAfter(reviewed) ? " (the period was restarted). " : " (an interruption no longer counts). ")
            + (today.isBefore(next) ? "Legal gets a new review on " + next + ", " + warningDays + " days before it."
                : "Legal gets a new review now, due on " + date + "."),
            null, null));
    }
}
