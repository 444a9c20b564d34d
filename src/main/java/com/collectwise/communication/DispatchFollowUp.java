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
 * reminder is logged in the case file as the contact it now is (DOMAIN.md 2: "each logged"). A reminder of an invoice
 * no longer open when it goes out books no fee.
 */
@Component
public class DispatchFollowUp {

    private static final Logger log = LoggerFactory.getLogger(DispatchFollowUp.class);

    private final Outbox outbox;
    private final FeeService fees;
    private final InvoiceRepository invoices;
    private final ContactLog contacts;
    private final BusinessClock clock;

    public DispatchFollowUp(Outbox outbox, FeeService fees, InvoiceRepository invoices, ContactLog contacts,
                            BusinessClock clock) {
        this.outbox = outbox;
        this.fees = fees;
        this.invoices = invoices;
        this.contacts = contacts;
        this.clock = clock;
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
        if (owed.feeKind() != null && invoice != null && invoice.status() == CaseStatus.OPEN) {
            fees.charge(invoice, FeeService.Kind.valueOf(owed.feeKind()), owed.key(), clock.today());
        }
        if (owed.contactOutcome() != null && owed.invoiceNumber() != null) {
            LocalDate written = owed.writtenAt().atZone(clock.zone()).toLocalDate();
            contacts.append(new ContactEntry(null, owed.invoiceNumber(), owed.customerId(), "EMAIL", clock.now(), null,
                null, owed.contactOutcome(), "Written reminder of " + written + " sent to " + owed.recipient()
                + " (it waited in the outbox for a usable e-mail address).", null, null));
        }
    }
}
