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
    private final CallFormWords words;

    public ContactHistory(ContactLog contacts, CallFormWords words) {
        this.contacts = contacts;
        this.words = words;
    }

    /** The customer's last contacts about any of its invoices, each naming its invoice (the customer-level call). */
    public String lastContactsOfCustomer(String customerId, ZoneId zone) {
        return lines(contacts.listOfCustomer(customerId, SHOWN * 4), zone, true);
    }

    /** "186,000.00": the amount with thousands separators and the decimals it was recorded with. */
    static String grouped(java.math.BigDecimal amount) {
        int scale = Math.max(0, amount.scale());
        java.text.DecimalFormat format = new java.text.DecimalFormat(scale == 0 ? "#,##0" : "#,##0." + "0".repeat(scale),
            java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        return format.format(amount);
    }

    private String lines(List<ContactEntry> all, ZoneId zone, boolean withInvoice) {
        if (all.isEmpty()) {
            return words.noContact();
        }
        StringBuilder out = new StringBuilder();
        for (int i = all.size() - 1; i >= Math.max(0, all.size() - (withInvoice ? SHOWN * 2 : SHOWN)); i--) {
            ContactEntry e = all.get(i);
            out.append(WHEN.format(e.contactedAt().atZone(zone))).append(' ');
            if (withInvoice) {
                out.append(e.invoiceNumber()).append(' ');
            }
            // words, not the log's codes (PHONE PROMISE_TO_PAY), and amounts as the collector says them
            out.append(words.contactWord(e.channel())).append(" - ").append(words.contactWord(e.outcome()));
            if (e.reachedPerson() != null && !e.reachedPerson().isBlank()) {
                out.append(words.reached(e.reachedPerson()));
            }
            if (e.promisedAmount() != null) {
                out.append(words.promised(grouped(e.promisedAmount()), String.valueOf(e.promisedDate())));
            }
            if (e.note() != null && !e.note().isBlank()) {
                out.append(": ").append(e.note());
            }
            out.append('\n');
        }
        return out.toString().stripTrailing();
    }
}
