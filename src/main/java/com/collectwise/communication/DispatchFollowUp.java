package com.collectwise.communication;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.collectwise.fees.FeeService;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import com.collectwise.kernel.InvoiceRepository;

/**
 * What a notice that waited for a channel owes once it really goes out ({@link Outbox#owedOnDispatch}): a reminder
 * written while the customer had no e-mail address (or one the mail server refused) books its fee the day it is sent
 * (DOMAIN.md 6: fees are booked when the reminder goes out), under the reminder's key, so it is booked once; a written
 * reminder is logged in the case file as the contact it now is (DOMAIN.md 2: "each logged"). The same for a reminder
 * written in the quiet hours (22:00-08:00), whose e-mail waited for 08:00: fee and entry are dated the day it goes out,
 * not the night it was written. A reminder of an invoice no longer open when it goes out books no fee.
 */
@Component
public class DispatchFollowUp {

    private static final Logger log = LoggerFactory.getLogger(DispatchFollowUp.class);

    private final Outbox outbox;
    private final FeeService fees;
    private final InvoiceRepository invoices;
    private final ContactLog contacts;
    private final BusinessClock clock;
    private final NoticesOfToday today;

    public DispatchFollowUp(Outbox outbox, FeeService fees, InvoiceRepository invoices, ContactLog contacts,
                            BusinessClock clock, NoticesOfToday today) {
        this.today = today;
        this.outbox = outbox;
        this.fees = fees;
        this.invoices = invoices;
        this.contacts = contacts;
        this.clock = clock;
    }

    /**
     * The message as it goes out now, just before it is handed over: a reminder written on an earlier day with today's
     * figures; null when it is not sent (CANCELLED with the reason, or held for now: {@link NoticesOfToday}).
     */
    public OutboxMessage asSentToday(OutboxMessage message) {
        return today.asSentToday(message).orElse(null);
    }

    /** The message of the id was just handed to the mail server (or the SMS gateway). */
    public void sent(long outboxId) {
        outbox.owedBy(outboxId).ifPresent(owed -> {
            try {
                settle(owed);
            } catch (RuntimeException e) {
                // the message is out; what it owes is logged for a person (the fee can be booked by hand)
                log.error("outbox message {} went out, but its fee or case-file entry was not recorded: {}", owed.id(),
                    e.getMessage(), e);
            }
        });
    }

    private void settle(Outbox.Owed owed) {
        var invoice = owed.invoiceNumber() == null ? null : invoices.find(owed.invoiceNumber()).orElse(null);
        // booked under the notice's own key: a copy sent again to a corrected address never books it twice
        String notice = Outbox.noticeKey(owed.key());
        if (owed.feeKind() != null && invoice != null && invoice.status() == CaseStatus.OPEN) {
            fees.charge(invoice, FeeService.Kind.valueOf(owed.feeKind()), notice, clock.today());
        }
        if (owed.contactOutcome() != null && owed.invoiceNumber() != null) {
            // the written reminder of a day is the one of that day, whenever its row was written
            int day = notice.indexOf(":written:");
            LocalDate written = day >= 0 ? LocalDate.parse(notice.substring(day + ":written:".length()))
                : owed.writtenAt().atZone(clock.zone()).toLocalDate();
            String channel = SmsGateway.KIND.equals(owed.kind()) ? "SMS" : "EMAIL";
            // one held back by the quiet hours is the written reminder it is, logged when it went out
            String outcome = SendWrittenReminderDelegate.AFTER_QUIET_HOURS.equals(owed.contactOutcome())
                ? SendWrittenReminderDelegate.OUTCOME : owed.contactOutcome();
            contacts.append(new ContactEntry(null, owed.invoiceNumber(), owed.customerId(), channel, clock.now(), null,
                null, outcome, note(owed, notice, written), null, null));
        }
    }

    /** What the case file says of it: which notice, of which day, to whom, and why it went only now. */
    private static String note(Outbox.Owed owed, String notice, LocalDate written) {
        if (AddressCorrection.RESENT.equals(owed.contactOutcome())) {
            return what(owed.kind(), notice) + " of " + written + " sent again to " + owed.recipient()
                + " (the previous address or number refused it; corrected in the customer file).";
        }
        if (AddressCorrection.SENT_LATE.equals(owed.contactOutcome())) {
            return what(owed.kind(), notice) + " of " + written + " sent to " + owed.recipient()
                + " (it waited in the outbox for a usable e-mail address).";
        }
        return "Written reminder of " + written + " sent to " + owed.recipient()
            + (owed.key().contains(Outbox.RESENT_TO) ? " (sent again: the previous address refused it)."
                : SendWrittenReminderDelegate.AFTER_QUIET_HOURS.equals(owed.contactOutcome())
                ? " (written in the quiet hours, 22:00-08:00: it waited for the morning)."
                : " (it waited in the outbox for a usable e-mail address).");
    }

    private static String what(String kind, String notice) {
        String what = switch (kind) {
            case Outbox.PRE_DUE_REMINDER -> "Pre-due reminder";
            case Outbox.DUNNING_LETTER -> "Formal dunning letter (e-mail)";
            case SmsGateway.KIND -> "Text message";
            case Outbox.OVERDUE_REMINDER -> notice.contains(":written:") ? "Written reminder" : "Overdue reminder";
            default -> kind.charAt(0) + kind.substring(1).toLowerCase().replace('_', ' ');
        };
        return what;
    }
}
