package com.collectwise.communication;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.ContactLog;
import com.collectwise.customers.CustomerRepository;

/**
 * Danger signals on a customer (DOMAIN.md section 3): broken promises, repeated delays, part payments
 * nobody explained, a customer who stopped answering, and a new finance contact. Each signal raises the priority of the case's
 * calls, which Tasklist sorts by ("My calls today" puts them first).
 */
@Service
public class DangerSignals {

    /** Camunda's default task priority: no signal. */
    public static final int NORMAL = 50;

    /** How long a new finance contact counts as a signal: a quarter, long enough for the next payment run. */
    static final int FINANCE_CONTACT_SIGNAL_DAYS = 90;

    private final ContactLog contacts;
    private final PromiseTrackRecord promiseRecord;
    private final PartPaymentTrackRecord paymentRecord;
    private final CustomerRepository customers;
    private final BusinessClock clock;

    public DangerSignals(ContactLog contacts, PromiseTrackRecord promiseRecord, PartPaymentTrackRecord paymentRecord,
                         CustomerRepository customers, BusinessClock clock) {
        this.contacts = contacts;
        this.promiseRecord = promiseRecord;
        this.paymentRecord = paymentRecord;
        this.customers = customers;
        this.clock = clock;
    }

    public record Assessment(int priority, List<String> signals) {
    }

    public Assessment assess(String customerId, Instant now) {
        List<String> signals = new ArrayList<>();
        int priority = NORMAL;
        int broken = promiseRecord.brokenPromises(customerId);
        if (broken > 0) {
            signals.add(broken + " broken promise(s)");
            priority += 15 * Math.min(broken, 2);
        }
        int promises = promiseRecord.promises(customerId);
        if (promises >= 3) {
            signals.add("repeated delays (" + promises + " promises)");
            priority += 10;
        }
        int partPayments = paymentRecord.appliedPaymentsOnOpenInvoices(customerId);
        // both on the invoices still open: an explanation of a part payment of an invoice settled since is no answer
        int explained = contacts.countWithOutcomeOnOpenInvoices(customerId, "PART_PAYMENT_EXPLAINED");
        if (partPayments > explained) {
            signals.add("part payment(s) without explanation");
            priority += 10;
        }
        Instant twoWeeksAgo = now.minus(14, ChronoUnit.DAYS);
        int unanswered = contacts.countSince(customerId, twoWeeksAgo, "NO_ANSWER", true);
        // written reminders and the letter are logged as contact attempts, but they reached nobody in person
        int reached = contacts.countSinceExcept(customerId, twoWeeksAgo, java.util.List.of("NO_ANSWER",
            SendWrittenReminderDelegate.OUTCOME, SendWrittenReminderDelegate.NOT_SENT, SendDunningLetterDelegate.OUTCOME));
        if (unanswered >= 3 && reached == 0) {
            signals.add("no answer for two weeks");
            priority += 10;
        }
        Instant newFinanceContact = customers.lastFinanceContactChange(customerId).orElse(null);
        if (newFinanceContact != null && newFinanceContact.isAfter(now.minus(FINANCE_CONTACT_SIGNAL_DAYS, ChronoUnit.DAYS))) {
            signals.add("new finance contact since " + newFinanceContact.atZone(clock.zone()).toLocalDate());
            priority += 15;
        }
        return new Assessment(Math.min(priority, 100), signals);
    }
}
