package com.collectwise.payments;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.collectwise.api.FieldProblem;
import com.collectwise.api.InvalidRequestException;

/** POST /api/invoices/{n}/credit-notes: 201 booked, 200 the same note again, 409 another note under its number. */
@RestController
public class CreditNoteController {

    private final CreditNoteService creditNotes;

    public CreditNoteController(CreditNoteService creditNotes) {
        this.creditNotes = creditNotes;
    }

    @PostMapping("/api/invoices/{invoiceNumber}/credit-notes")
    public ResponseEntity<CreditNoteService.CreditNote> issue(@PathVariable String invoiceNumber,
                                                              @Valid @RequestBody CreditNoteRequest request,
                                                              BindingResult body, java.security.Principal user) {
        if (body.hasErrors()) {
            // every bad field at once: the body's, and the amount's decimals against the invoice's currency
            List<FieldProblem> more = new ArrayList<>();
            if (body.getFieldError("amount") == null) {
                creditNotes.decimalsProblem(invoiceNumber, request.amount()).ifPresent(more::add);
            }
            throw InvalidRequestException.of(body, more);
        }
        String number = request.creditNoteNumber();
        CreditNoteService.Result r = creditNotes.issue(invoiceNumber, number, request.amount(), request.issuedOn(),
            request.reason(), request.disputeId(), user == null ? null : user.getName());
        if (!r.created()) {
            return ResponseEntity.ok(r.note());
        }
        return ResponseEntity.created(URI.create("/api/invoices/" + invoiceNumber + "/credit-notes/" + number))
            .body(r.note());
    }
}
