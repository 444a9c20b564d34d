package com.collectwise.cases;

import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import com.collectwise.api.FieldProblem;
import com.collectwise.api.InvalidRequestException;
import com.collectwise.cases.CaseView.AgreementView;
import com.collectwise.cases.CaseView.DisputeView;
import com.collectwise.cases.CaseView.PromiseView;
import com.collectwise.kernel.Invoice;

/**
 * POST /api/invoices/{n}/promises, /agreements, /disputes. The records have no resource of their own: they are
 * read as part of the case, so Location names the case view (GET /api/invoices/{n}), and the body is the record.
 * An unknown invoice (404) or a closed case (409) is answered before the fields of the body: there is nothing to fix
 * in them.
 */
@RestController
@RequestMapping("/api/invoices/{invoiceNumber}")
public class CaseRequestController {

    private final CaseRequestService requests;

    public CaseRequestController(CaseRequestService requests) {
        this.requests = requests;
    }

    @PostMapping("/promises")
    public ResponseEntity<PromiseView> promise(@PathVariable String invoiceNumber,
                                               @Valid @RequestBody PromiseRequest request, BindingResult body,
                                               Principal user) {
        refuseBadBody(invoiceNumber, body,
            invoice -> requests.promiseProblems(invoice, request.amount(), request.promisedDate()));
        CaseRequestService.MadePromise made = requests.makePromise(invoiceNumber, request.amount(),
            request.promisedDate(), request.note(), user.getName());
        // the same open promise sent again (same amount, date and note): 200 with it as it stands
        return made.created() ? created(invoiceNumber, made.promise()) : ResponseEntity.ok(made.promise());
    }

    @PostMapping("/agreements")
    public ResponseEntity<AgreementView> agreement(@PathVariable String invoiceNumber,
                                                   @Valid @RequestBody AgreementRequest request, BindingResult body,
                                                   Principal user) {
        refuseBadBody(invoiceNumber, body, invoice -> CaseRequestService.decimalsProblems(invoice, rowAmounts(request)));
        return created(invoiceNumber, requests.agreement(invoiceNumber, request.plan(), request.interestWaived(),
            request.note(), user.getName()));
    }

    @PostMapping("/disputes")
    public ResponseEntity<DisputeView> dispute(@PathVariable String invoiceNumber,
                                               @Valid @RequestBody DisputeRequest request, BindingResult body,
                                               Principal user) {
        refuseBadBody(invoiceNumber, body,
            invoice -> requests.disputeProblems(invoice, request.category(), request.amount()));
        CaseRequestService.RaisedDispute raised = requests.raiseDispute(invoiceNumber, request.category(),
            request.amount(), request.description(), user.getName());
        // the same open dispute sent again (same category, amount, description): 200 with it as it stands
        return raised.created() ? created(invoiceNumber, raised.dispute()) : ResponseEntity.ok(raised.dispute());
    }

    /**
     * 404 for an unknown invoice and 409 for a closed case come first; then every bad field at once (400): those of the
     * body and, for the fields the body check let through, those judged against the invoice (its currency's decimals,
     * a date in the past, more than is outstanding).
     */
    private void refuseBadBody(String invoiceNumber, BindingResult body,
                               Function<Invoice, List<FieldProblem>> checksAgainstTheInvoice) {
        if (body.hasErrors()) {
            Invoice invoice = requests.openInvoice(invoiceNumber);
            // one problem per field (the record's first), in the order of the record's fields
            throw InvalidRequestException.of(body, checksAgainstTheInvoice.apply(invoice));
        }
    }

    /** The amounts of the instalments as sent, by field name ({@code instalments[0].amount}, ...). */
    private static Map<String, BigDecimal> rowAmounts(AgreementRequest request) {
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        if (request.instalments() != null) {
            for (int i = 0; i < request.instalments().size(); i++) {
                AgreementRequest.Row row = request.instalments().get(i);
                amounts.put("instalments[" + i + "].amount", row == null ? null : row.amount());
            }
        }
        return amounts;
    }

    private static <T> ResponseEntity<T> created(String invoiceNumber, T record) {
        URI location = UriComponentsBuilder.fromPath("/api/invoices/{number}").buildAndExpand(invoiceNumber)
            .encode().toUri();
        return ResponseEntity.created(location).body(record);
    }
}
