package com.collectwise.cases;

import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.ContactLog;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.stereotype.Component;

/** The last contacts of a case as a few readable lines for the call form (newest first). */
@Component
public class ContactHistory {

    static final int SHOWN = 8;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ContactLog contacts;

    public ContactHistory(ContactLog contacts) {
        this.contacts = contacts;
    }

    /** The customer's last contacts about any of its invoices, each naming its invoice (the customer-level call). */
    public String lastContactsOfCustomer(String customerId, ZoneId zone) {
        return lines(contacts.listOfCustomer(customerId, SHOWN * 4), zone, true);
    }

    private static String lines(List<ContactEntry> all, ZoneId zone, boolean withInvoice) {
        if (all.isEmpty()) {
            return "No contact yet.";
        }
        StringBuilder out = new StringBuilder();
        for (int i = all.size() - 1; i >= Math.max(0, all.size() - (withInvoice ? SHOWN * 2 : SHOWN)); i--) {
            ContactEntry e = all.get(i);
            out.append(WHEN.format(e.contactedAt().atZone(zone))).append(' ');
            if (withInvoice) {
                out.append(e.invoiceNumber()).append(' ');
            }
            out.append(e.channel()).append(' ').append(e.outcome());
            if (e.reachedPerson() != null && !e.reachedPerson().isBlank()) {
                out.append(", reached ").append(e.reachedPerson());
            }
            if (e.promisedAmount() != null) {
                out.append(", promised ").append(e.promisedAmount().toPlainString()).append(" by ").append(e.promisedDate());
            }
            if (e.note() != null && !e.note().isBlank()) {
                out.append(": ").append(e.note());
            }
            out.append('\n');
        }
        return out.toString().stripTrailing();
    }
}
