package com.collectwise.communication;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.InvoiceRepository;

/**
 * A corrected e-mail address or phone number takes over the customer's notices that did not reach it (DOMAIN.md 1: a
 * contact detail that bounces, or none, is the collector's task, and the notices follow the new one): those waiting
 * for an address go to it, and those the old one refused to the end are queued again to it, as long as they are still
 * current (the invoice is open; a pre-due reminder only until the due date). Each goes at the first moment quiet hours
 * allow from the change on ({@link QuietHours}: 08:00, an SMS on a working day); a fee it owes is booked under the
 * notice's own key when it goes out, so never twice ({@link DispatchFollowUp}); the case file then says what went to
 * whom and when. A refused statement of account is not sent again here (it goes to the finance contact's address
 * when there is one, StatementSendings); one that waited for any address is.
 */
@Component
public class AddressCorrection {

    /** The case file's outcome of a notice that went out to an address entered after it was written. */
    public static final String SENT_LATE = "NOTICE_SENT_LATE";
    /** The case file's outcome of a refused notice sent again to the corrected address. */
    public static final String RESENT = "NOTICE_RESENT";

    private final Outbox outbox;
    private final InvoiceRepository invoices;
    private final BusinessClock clock;

    public AddressCorrection(Outbox outbox, InvoiceRepository invoices, BusinessClock clock) {
        this.outbox = outbox;
        this.invoices = invoices;
        this.clock = clock;
    }

    /**
     * The customer's e-mail address is now {@code email}.
     *
     * @param stillUsed the addresses of the customer's contacts: a message one of them refused is not the customer's
     */
    public void emailChanged(String customerId, String email, Collection<String> stillUsed) {
        follow(customerId, MailDispatcher.EMAIL_KINDS, email, stillUsed);
    }

    /** The customer's phone number is now {@code phone}: the texts refused by the old one go to it. */
    public void phoneChanged(String customerId, String phone, Collection<String> stillUsed) {
        follow(customerId, List.of(SmsGateway.KIND), phone, stillUsed);
    }

    private void follow(String customerId, Collection<String> kinds, String recipient, Collection<String> stillUsed) {
        if (recipient == null || recipient.isBlank()) {
            return;
        }
        // the newest version of each notice says where it stands: sent (or going) once, it is not sent again
        Map<String, Outbox.Undelivered> latest = new LinkedHashMap<>();
        for (Outbox.Undelivered m : outbox.ofCustomer(customerId, kinds)) {
            latest.put(Outbox.noticeKey(m.key()), m);
        }
        for (Outbox.Undelivered m : latest.values()) {
            if (recipient.equals(m.recipient()) || !current(m)) {
                continue;
            }
            Instant from = outbox.nextAllowed(m.kind(), customerId);
            // the statement of account goes to the finance contact's address when there is one (StatementSendings):
            // only one that waited for any address follows the customer's
            boolean statement = Outbox.STATEMENT_OF_ACCOUNT.equals(m.kind());
            if ("PENDING".equals(m.status()) && (m.recipient() == null
                || !statement && !stillUsed.contains(m.recipient()))) {
                // waiting for an address (or for the old one's next attempt): never out yet
                Instant notBefore = m.notBefore() != null && m.notBefore().isAfter(from) ? m.notBefore() : from;
                outbox.readdress(m.id(), recipient, notBefore, SENT_LATE);
            } else if ("FAILED".equals(m.status()) && !statement && m.recipient() != null
                && !stillUsed.contains(m.recipient())) {
                // a case-file entry the refused one still owed (a written reminder's) is owed by its new copy
                String owed = m.contactOnDispatch();
                outbox.resend(m, recipient, from, owed == null || SENT_LATE.equals(owed) || RESENT.equals(owed)
                    ? RESENT : owed);
            }
        }
    }

    /** A notice of an invoice settled since (paid, credited, written off, sold) is not sent; a pre-due one not late. */
    private boolean current(Outbox.Undelivered m) {
        if (m.invoiceNumber() == null) {
            return true;
        }
        return invoices.find(m.invoiceNumber())
            .filter(i -> i.status() == CaseStatus.OPEN)
            .filter(i -> !Outbox.PRE_DUE_REMINDER.equals(m.kind()) || !clock.today().isAfter(i.dueDate()))
            .isPresent();
    }
}
