package com.collectwise.communication;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.springframework.stereotype.Service;

import com.collectwise.cases.Invoice;
import com.collectwise.customers.Customer;
import com.collectwise.money.Statement;

/**
 * Writes the customer reminders, the formal dunning letter and supervisor alerts into the outbox. The
 * idempotency key names the case and the stage entry, so a retried job never queues a second letter while
 * a case that re-enters a stage (supervisor decision) writes a new one.
 */
@Service
public class CollectionNotices {

    /** Alerts go to the supervisors' group; the dispatcher resolves the addresses. */
    public static final String SUPERVISORS = "group:supervisors";

    private final Outbox outbox;
    private final SmsGateway sms;

    public CollectionNotices(Outbox outbox, SmsGateway sms) {
        this.outbox = outbox;
        this.sms = sms;
    }

    /** A short text beside the e-mail, when an SMS gateway is configured and the customer has a phone. */
    private void text(String key, Invoice invoice, Customer customer, String text) {
        if (sms.enabled() && customer.phone() != null && !customer.phone().isBlank()) {
            outbox.enqueue("SMS:" + key, invoice.invoiceNumber(), customer.customerId(), SmsGateway.KIND,
                customer.phone(), null, text);
        }
    }

    public boolean preDueReminder(Invoice invoice, Customer customer) {
        text(Outbox.PRE_DUE_REMINDER + ":" + invoice.invoiceNumber(), invoice, customer, "Reminder: invoice "
            + invoice.invoiceNumber() + " (" + money(invoice.currency(), invoice.amount()) + ") is due on "
            + invoice.dueDate() + ".");
        return outbox.enqueue(Outbox.PRE_DUE_REMINDER + ":" + invoice.invoiceNumber(), invoice.invoiceNumber(),
            customer.customerId(), Outbox.PRE_DUE_REMINDER, customer.email(),
            "Invoice " + invoice.invoiceNumber() + " is due on " + invoice.dueDate(),
            "Dear " + customer.name() + ",\n\na friendly reminder: invoice " + invoice.invoiceNumber() + " over "
                + money(invoice.currency(), invoice.amount()) + " is due on " + invoice.dueDate() + ".\n"
                + "You can pay by bank transfer, Alipay, WeChat Pay or card; please quote the invoice number.\n"
                + "If you have paid already, thank you and please ignore this message.");
    }

    /**
     * The overdue reminder states what is owed today, the interest rate and its basis, the fees charged so far and
     * the fee for this reminder, if the segment's policy charges one.
     */
    public boolean overdueReminder(Invoice invoice, Customer customer, Statement statement, long daysOverdue,
                                   int stageEntry, LateCharges charges) {
        return overdueReminder(invoice, customer, statement, daysOverdue, stageEntry, charges, BigDecimal.ZERO);
    }

    /** As above; the part under open dispute ({@code disputed}) is named but not demanded. */
    public boolean overdueReminder(Invoice invoice, Customer customer, Statement statement, long daysOverdue,
                                   int stageEntry, LateCharges charges, BigDecimal disputed) {
        return reminder(Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":" + stageEntry, invoice, customer,
            statement, daysOverdue, charges, disputed);
    }

    /**
     * The written reminder that follows the formal letter at the policy's interval (every 10 days by default): the
     * same content as the overdue reminder, one per day it is sent ({@link #writtenReminderKey}).
     */
    public boolean writtenReminder(Invoice invoice, Customer customer, Statement statement, long daysOverdue,
                                   LateCharges charges, BigDecimal disputed, LocalDate sentOn) {
        return reminder(writtenReminderKey(invoice.invoiceNumber(), sentOn), invoice, customer, statement,
            daysOverdue, charges, disputed);
    }

    /** The idempotency key of the written reminder of a day; its fee is booked under the same key. */
    public static String writtenReminderKey(String invoiceNumber, LocalDate sentOn) {
        return Outbox.OVERDUE_REMINDER + ":" + invoiceNumber + ":written:" + sentOn;
    }

    private boolean reminder(String key, Invoice invoice, Customer customer, Statement statement, long daysOverdue,
                             LateCharges charges, BigDecimal disputed) {
        String c = invoice.currency();
        BigDecimal demanded = demanded(charges.totalWithFee(statement.total()), disputed);
        text(key, invoice, customer, "Invoice " + invoice.invoiceNumber() + " is " + daysOverdue
            + " days overdue: please pay " + money(c, demanded) + " today.");
        return outbox.enqueue(key, invoice.invoiceNumber(), customer.customerId(), Outbox.OVERDUE_REMINDER,
            customer.email(), "Invoice " + invoice.invoiceNumber() + " is overdue",
            "Dear " + customer.name() + ",\n\ninvoice " + invoice.invoiceNumber() + " was due on " + invoice.dueDate()
                + " and is " + daysOverdue + " days overdue. Outstanding today: " + money(c, statement.total())
                + " (principal " + money(c, statement.principal()) + ", interest " + money(c, statement.interest())
                + ", fees " + money(c, statement.fees()) + ").\n"
                + charges.interestLine() + ".\n"
                + (charges.noticeFee() == null ? ""
                    : "A reminder fee of " + money(c, charges.noticeFee().amount()) + " is charged for this reminder"
                        + charges.capNote() + ": please pay " + money(c, charges.totalWithFee(statement.total()))
                        + ".\n")
                + disputedLine(c, disputed, demanded)
                + "Please pay today. Your collector will call you.");
    }

    /** The formal demand (e-mail beside the PDF): amounts, the fee for this letter, the rate and its basis. */
    public boolean dunningLetter(Invoice invoice, Customer customer, Statement statement, long daysOverdue,
                                 int stageEntry, LateCharges charges) {
        return dunningLetter(invoice, customer, statement, daysOverdue, stageEntry, charges, BigDecimal.ZERO, false);
    }

    /**
     * As above; demands only the undisputed part, and a time-barred claim is asked for without any threat of
     * agency or suit (the customer may still pay voluntarily).
     */
    public boolean dunningLetter(Invoice invoice, Customer customer, Statement statement, long daysOverdue,
                                 int stageEntry, LateCharges charges, BigDecimal disputed, boolean timeBarred) {
        String c = invoice.currency();
        BigDecimal total = charges.totalWithFee(statement.total());
        BigDecimal demanded = demanded(total, disputed);
        return outbox.enqueue(Outbox.DUNNING_LETTER + ":" + invoice.invoiceNumber() + ":" + stageEntry,
            invoice.invoiceNumber(), customer.customerId(), Outbox.DUNNING_LETTER, customer.email(),
            (timeBarred ? "Request for payment: invoice " : "Formal demand for payment: invoice ")
                + invoice.invoiceNumber(),
            (timeBarred ? "REQUEST FOR PAYMENT" : "FORMAL DEMAND FOR PAYMENT") + "\n\nTo: " + customer.name()
                + (customer.decisionMaker() == null ? "" : ", attn. " + customer.decisionMaker()) + "\n\n"
                + "Invoice " + invoice.invoiceNumber() + " of " + invoice.issueDate() + ", due " + invoice.dueDate()
                + ", is " + daysOverdue + " days overdue. As of " + statement.asOf() + " you owe:\n"
                + "  principal " + money(c, statement.principal()) + "\n"
                + "  interest  " + money(c, statement.interest()) + "\n"
                + "  fees      " + money(c, statement.fees()) + "\n"
                + (charges.noticeFee() == null ? ""
                    : "  fee for this letter " + money(c, charges.feeAdded()) + charges.capNote() + "\n")
                + "  total     " + money(c, total) + "\n"
                + (disputed.signum() > 0 ? "  disputed  " + money(c, disputed) + " (not demanded until the dispute "
                    + "is decided)\n  demanded  " + money(c, demanded) + "\n" : "")
                + "\n" + charges.interestLine() + ".\n\n"
                + (timeBarred
                    ? "We ask you to pay " + money(c, demanded) + " within 7 days. Until then no further goods are "
                        + "delivered on credit."
                    : "We demand payment of " + money(c, demanded) + " within 7 days. Until then no further goods "
                        + "are delivered on credit. Without payment we will hand the claim to a collection agency or "
                        + "take legal action, with the costs charged to you, and interest continues to accrue."));
    }

    /** What a notice asks for: the amount due less the part under open dispute, never below zero. */
    static BigDecimal demanded(BigDecimal due, BigDecimal disputed) {
        return disputed == null ? due : due.subtract(disputed).max(BigDecimal.ZERO);
    }

    private static String disputedLine(String currency, BigDecimal disputed, BigDecimal demanded) {
        return disputed == null || disputed.signum() <= 0 ? ""
            : "Of this, " + money(currency, disputed) + " is disputed: we do not ask for it until the dispute is "
                + "decided. Undisputed and due now: " + money(currency, demanded) + ".\n";
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
