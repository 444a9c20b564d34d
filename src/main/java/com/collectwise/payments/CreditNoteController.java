package com.collectwise.payments;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.collectwise.api.FieldReader;

/** POST /api/invoices/{n}/credit-notes: 201 booked, 200 the same note again, 409 another note under its number. */
@RestController
public class CreditNoteController {

    private final CreditNoteService creditNotes;
    private final com.collectwise.kernel.InvoiceRepository invoices;

    public CreditNoteController(CreditNoteService creditNotes, com.collectwise.kernel.InvoiceRepository invoices) {
        this.creditNotes = creditNotes;
        this.invoices = invoices;
    }

    @PostMapping("/api/invoices/{invoiceNumber}/credit-notes")
    public ResponseEntity<CreditNoteService.CreditNote> issue(@PathVariable String invoiceNumber,
                                                              @RequestBody(required = false) String body,
                                                              java.security.Principal user) {
        FieldReader in = FieldReader.parse(body);
        String number = in.key("creditNoteNumber", true);
        // at most the minor unit of the invoice's currency (an unknown invoice is a 404 from the service)
        String currency = invoices.find(invoiceNumber).map(com.collectwise.kernel.Invoice::currency).orElse(null);
        BigDecimal amount = in.amount("amount", true, currency);
        LocalDate issuedOn = in.date("issuedOn", true);
        String reason = in.text("reason", true, 2000);
        if (amount != null && amount.signum() <= 0) {
            in.reject("amount", "must be positive");
        }
        in.throwIfInvalid();
        CreditNoteService.Result r = creditNotes.issue(invoiceNumber, number, amount, issuedOn, reason,
            user == null ? null : user.getName());
        if (!r.created()) {
            return ResponseEntity.ok(r.note());
        }
        return ResponseEntity.created(URI.create("/api/invoices/" + invoiceNumber + "/credit-notes/" + number))
            .body(r.note());
    }
}
