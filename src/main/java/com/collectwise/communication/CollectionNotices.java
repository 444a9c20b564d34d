package com.collectwise.communication;

import java.math.BigDecimal;

import org.springframework.stereotype.Service;

import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Customer;
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
        String c = invoice.currency();
        text(Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":" + stageEntry, invoice, customer,
            "Invoice " + invoice.invoiceNumber() + " is " + daysOverdue + " days overdue: please pay "
                + money(c, charges.totalWithFee(statement.total())) + " today.");
        return outbox.enqueue(Outbox.OVERDUE_REMINDER + ":" + invoice.invoiceNumber() + ":" + stageEntry,
            invoice.invoiceNumber(), customer.customerId(), Outbox.OVERDUE_REMINDER, customer.email(),
            "Invoice " + invoice.invoiceNumber() + " is overdue",
            "Dear " + customer.name() + ",\n\ninvoice " + invoice.invoiceNumber() + " was due on " + invoice.dueDate()
                + " and is " + daysOverdue + " days overdue. Outstanding today: " + money(c, statement.total())
                + " (principal " + money(c, statement.principal()) + ", interest " + money(c, statement.interest())
                + ", fees " + money(c, statement.fees()) + ").\n"
                + charges.interestLine() + ".\n"
                + (charges.noticeFee() == null ? ""
                    : "A reminder fee of " + money(c, charges.noticeFee().amount()) + " is charged for this reminder"
                        + charges.capNote() + ": please pay " + money(c, charges.totalWithFee(statement.total())) + ".\n")
                + "Please pay today. Your collector will call you.");
    }

    /** The formal demand (e-mail beside the PDF): amounts, the fee for this letter, the rate and its basis. */
    public boolean dunningLetter(Invoice invoice, Customer customer, Statement statement, long daysOverdue,
                                 int stageEntry, LateCharges charges) {
        String c = invoice.currency();
        return outbox.enqueue(Outbox.DUNNING_LETTER + ":" + invoice.invoiceNumber() + ":" + stageEntry,
            invoice.invoiceNumber(), customer.customerId(), Outbox.DUNNING_LETTER, customer.email(),
            "Formal demand for payment: invoice " + invoice.invoiceNumber(),
            "FORMAL DEMAND FOR PAYMENT\n\nTo: " + customer.name()
                + (customer.decisionMaker() == null ? "" : ", attn. " + customer.decisionMaker()) + "\n\n"
                + "Invoice " + invoice.invoiceNumber() + " of " + invoice.issueDate() + ", due " + invoice.dueDate()
                + ", is " + daysOverdue + " days overdue. As of " + statement.asOf() + " you owe:\n"
                + "  principal " + money(c, statement.principal()) + "\n"
                + "  interest  " + money(c, statement.interest()) + "\n"
                + "  fees      " + money(c, statement.fees()) + "\n"
                + (charges.noticeFee() == null ? ""
                    : "  fee for this letter " + money(c, charges.feeAdded()) + charges.capNote() + "\n")
                + "  total     " + money(c, charges.totalWithFee(statement.total())) + "\n\n"
                + charges.interestLine() + ".\n\n"
                + "We demand payment of the total within 7 days. Until then no further goods are delivered on "
                + "credit. Without payment we will hand the claim to a collection agency or take legal action, "
                + "with the costs charged to you, and interest continues to accrue.");
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
