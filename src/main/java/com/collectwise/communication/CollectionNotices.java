package com.collectwise.communication;

import com.collectwise.disputes.DisputedPart;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.stereotype.Service;

import com.collectwise.kernel.Invoice;
import com.collectwise.communication.NoticeTemplates.Notice;
import com.collectwise.communication.NoticeTexts.Amounts;
import com.collectwise.kernel.Customer;
import com.collectwise.money.Statement;

/**
 * Writes the customer reminders, the formal dunning letter and supervisor alerts into the outbox, the customer's
 * in the customer's language from the templates (templates/*.txt; supervisor alerts stay internal). The
 * idempotency key names the case and the stage entry, so a retried job never queues a second letter while
 * a case that re-enters a stage (supervisor decision) writes a new one.
 */
@Service
public class CollectionNotices {

    /** Alerts go to the supervisors' group; the dispatcher resolves the addresses. */
    public static final String SUPERVISORS = "group:supervisors";

    private final Outbox outbox;
    private final SmsGateway sms;
    private final NoticeTexts texts;

    public CollectionNotices(Outbox outbox, SmsGateway sms, NoticeTexts texts) {
        this.outbox = outbox;
        this.sms = sms;
        this.texts = texts;
    }

    /**
     * Whether a reminder written now leaves on some channel: the customer has an e-mail address, or a phone number
     * and the SMS gateway is on. A reminder to a customer without either is still queued (it goes out to an e-mail
     * address entered later, {@link CustomerChangeFollowUp}) and the missing detail is a task for the collector
     * ({@link ContactProblems}), but it does not go out now, so no fee is charged for it (DOMAIN.md 6: fees are booked
     * when the reminder goes out).
     */
    public boolean reachesCustomer(Customer customer) {
        return mailTo(customer) != null || textable(customer);
    }

    /**
     * The address a customer e-mail goes to: the customer's, unless it has none or the mail server refused it to the
     * end (a bounced address reaches nobody until it is changed, DOMAIN.md 1). Null: the e-mail waits in the outbox
     * for an address ({@link CustomerChangeFollowUp} gives it the new one) and the collector has a task.
     */
    String mailTo(Customer customer) {
        return outbox.usableEmail(customer.email());
    }

    /** Why a notice reaches the customer on no channel: the problem the collector's task is about. */
    public ContactProblems.Problem whyUnreached(Customer customer) {
        return customer.email() == null || customer.email().isBlank() ? ContactProblems.Problem.MISSING_EMAIL
            : ContactProblems.Problem.BOUNCED_EMAIL;
    }

    private boolean textable(Customer customer) {
        return sms.enabled() && customer.phone() != null && !customer.phone().isBlank()
            && !outbox.refused(customer.phone(), java.util.List.of(SmsGateway.KIND));
    }

    /** A short text beside the e-mail, when an SMS gateway is configured and the customer has a phone. */
    private void text(String key, Invoice invoice, Customer customer, String text) {
        if (textable(customer)) {
            outbox.enqueue("SMS:" + key, invoice.invoiceNumber(), customer.customerId(), SmsGateway.KIND,
                customer.phone(), null, text);
        }
    }

    public boolean preDueReminder(Invoice invoice, Customer customer) {
        return preDueReminder(invoice, customer, null);
    }

    /** @param rate the late-payment rate once overdue; null leaves the rate line out */
    public boolean preDueReminder(Invoice invoice, Customer customer, LateCharges rate) {
        return preDueReminder(invoice, customer, rate, invoice.amount(), DisputedPart.NONE);
    }

    /**
     * As above, stating what is still open ({@code open}: paid or credited in part before the reminder day) and
     * naming the part under open dispute, which it does not ask for: the e-mail keeps the invoice's amount and adds
     * what is open and undisputed, the SMS gives only what is asked for.
     */
    public boolean preDueReminder(Invoice invoice, Customer customer, LateCharges rate, BigDecimal open,
                                  DisputedPart disputed) {
        Map<String, String> sms = texts.preDueValues(invoice, customer, rate, open, disputed);
        text(Outbox.PRE_DUE_REMINDER + ":" + invoice.invoiceNumber(), invoice, customer,
            texts.render(customer, Notice.PRE_DUE_REMINDER, "sms", sms));
        return outbox.enqueue(Outbox.PRE_DUE_REMINDER + ":" + invoice.invoiceNumber(), invoice.invoiceNumber(),
            customer.customerId(), Outbox.PRE_DUE_REMINDER, mailTo(customer),
            texts.render(customer, Notice.PRE_DUE_REMINDER, "subject", sms),
            texts.render(customer, Notice.PRE_DUE_REMINDER, "body", sms));
    }

    /**
     * The overdue reminder states what is owed today, the interest rate and its basis, the fees charged so far and
     * the fee for this reminder, if the segment's policy charges one.
     */
    public boolean overdueReminder(Invoice invoice, Customer customer, Statement statement, long daysOverdue,
                                   int stageEntry, LateCharges charges) {
        return overdueReminder(invoice, customer, statement, daysOverdue, stageEntry, charges, DisputedPart.NONE);
    }

    /** As above; the part under open dispute ({@code disputed}) is named but not demanded. */
    public boolean overdueReminder(Invoice invoice, Customer customer, Statement statement, long daysOverdue,
                                   int stageEntry, LateCharges charges, DisputedPart disputed) {
        return reminder(overdueReminderKey(invoice.invoiceNumber(), stageEntry), invoice, customer,
            statement, daysOverdue, charges, disputed);
    }

    /** The idempotency key of the overdue reminder of a stage entry; its fee is booked under the same key. */
    static String overdueReminderKey(String invoiceNumber, int stageEntry) {
        return Outbox.OVERDUE_REMINDER + ":" + invoiceNumber + ":" + stageEntry;
    }

    /**
     * Whether the reminder of the key, just queued for a customer with a usable e-mail address, is held back by the
     * quiet hours (22:00-08:00, DOMAIN.md 3): it goes out at 08:00, possibly the next day, and what it owes then (its
     * fee, its contact-log entry) is owed by the dispatch ({@link #owedOnDispatch}), dated the day it goes out.
     */
    boolean heldByQuietHours(String key, Customer customer) {
        return mailTo(customer) != null && outbox.heldUntil(key).isPresent();
    }

    /** See {@link Outbox#owedOnDispatch}. */
    void owedOnDispatch(String key, String feeKind, String contactOutcome) {
        if (feeKind != null || contactOutcome != null) {
            outbox.owedOnDispatch(key, feeKind, contactOutcome);
        }
    }

    /**
     * The written reminder that follows the formal letter at the policy's interval (every 10 days by default): the
     * same content as the overdue reminder, one per day it is sent ({@link #writtenReminderKey}).
     */
    public boolean writtenReminder(Invoice invoice, Customer customer, Statement statement, long daysOverdue,
                                   LateCharges charges, DisputedPart disputed, LocalDate sentOn) {
        return reminder(writtenReminderKey(invoice.invoiceNumber(), sentOn), invoice, customer, statement,
            daysOverdue, charges, disputed);
    }

    /** The idempotency key of the written reminder of a day; its fee is booked under the same key. */
    public static String writtenReminderKey(String invoiceNumber, LocalDate sentOn) {
        return Outbox.OVERDUE_REMINDER + ":" + invoiceNumber + ":written:" + sentOn;
    }

    private boolean reminder(String key, Invoice invoice, Customer customer, Statement statement, long daysOverdue,
                             LateCharges charges, DisputedPart disputed) {
        Map<String, String> v = texts.overdueValues(invoice, customer, statement, daysOverdue, charges, null,
            Notice.OVERDUE_REMINDER, "feeLine", Amounts.PLAIN, disputed);
        text(key, invoice, customer, texts.render(customer, Notice.OVERDUE_REMINDER, "sms", v));
        return outbox.enqueue(key, invoice.invoiceNumber(), customer.customerId(), Outbox.OVERDUE_REMINDER,
            mailTo(customer), texts.render(customer, Notice.OVERDUE_REMINDER, "subject", v),
            texts.render(customer, Notice.OVERDUE_REMINDER, "body", v));
    }

    /**
     * The formal demand (e-mail beside the PDF): amounts, the fee for this letter, the rate and its basis, the
     * deadline of the letter of {@code letterDate}.
     */
    public boolean dunningLetter(Invoice invoice, Customer customer, Statement statement, long daysOverdue,
                                 int stageEntry, LateCharges charges, LocalDate letterDate) {
        return dunningLetter(invoice, customer, statement, daysOverdue, stageEntry, charges, letterDate,
            DisputedPart.NONE, false);
    }

    /**
     * As above; demands only the undisputed part, and a time-barred claim is asked for without any threat of
     * agency or suit (the customer may still pay voluntarily): the templates' {@code *TimeBarred} sections.
     */
    public boolean dunningLetter(Invoice invoice, Customer customer, Statement statement, long daysOverdue,
                                 int stageEntry, LateCharges charges, LocalDate letterDate, DisputedPart disputed,
                                 boolean timeBarred) {
        Map<String, String> v = texts.overdueValues(invoice, customer, statement, daysOverdue, charges, letterDate,
            Notice.DUNNING_LETTER_EMAIL, "feeLine", Amounts.PLAIN, disputed);
        return outbox.enqueue(Outbox.DUNNING_LETTER + ":" + invoice.invoiceNumber() + ":" + stageEntry,
            invoice.invoiceNumber(), customer.customerId(), Outbox.DUNNING_LETTER, mailTo(customer),
            texts.render(customer, Notice.DUNNING_LETTER_EMAIL, timeBarred ? "subjectTimeBarred" : "subject", v),
            texts.render(customer, Notice.DUNNING_LETTER_EMAIL, timeBarred ? "bodyTimeBarred" : "body", v));
    }

    /** What a notice asks for: the amount due less what the open disputes withhold, never below zero. */
    static BigDecimal demanded(BigDecimal due, DisputedPart disputed) {
        return disputed == null ? due : disputed.demanded(due);
    }

    public boolean supervisorAlert(Invoice invoice, Customer customer, String reason, String keySuffix) {
        return outbox.enqueue(Outbox.SUPERVISOR_ALERT + ":" + invoice.invoiceNumber() + ":" + keySuffix,
            invoice.invoiceNumber(), customer.customerId(), Outbox.SUPERVISOR_ALERT, SUPERVISORS,
            reason + ": invoice " + invoice.invoiceNumber() + ", " + customer.name(),
            reason + ".\nInvoice " + invoice.invoiceNumber() + " of " + customer.name() + " (" + customer.customerId()
                + "), " + money(invoice.currency(), invoice.amount()) + ", due " + invoice.dueDate() + ".");
    }

    static String money(String currency, BigDecimal amount) {
        // the currency's minor unit: the customer reads JPY 1000 and KWD 1.234, not 1000.00 and 1.23
        return currency + " " + com.collectwise.money.Money.rounded(amount, currency).amount().toPlainString();
    }
}
