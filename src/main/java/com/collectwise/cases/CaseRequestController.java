package com.collectwise.cases;

import java.net.URI;
import java.security.Principal;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import com.collectwise.api.FieldReader;
import com.collectwise.cases.CaseView.AgreementView;
import com.collectwise.cases.CaseView.DisputeView;
import com.collectwise.cases.CaseView.PromiseView;

/**
 * POST /api/invoices/{n}/promises, /agreements, /disputes. The records have no resource of their own: they are
 * read as part of the case, so Location names the case view (GET /api/invoices/{n}), and the body is the record.
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
                                               @RequestBody(required = false) String body, Principal user) {
        return created(invoiceNumber, requests.promise(invoiceNumber, FieldReader.parse(body), user.getName()));
    }

    @PostMapping("/agreements")
    public ResponseEntity<AgreementView> agreement(@PathVariable String invoiceNumber,
                                                   @RequestBody(required = false) String body, Principal user) {
        return created(invoiceNumber, requests.agreement(invoiceNumber, FieldReader.parse(body), user.getName()));
    }

    @PostMapping("/disputes")
    public ResponseEntity<DisputeView> dispute(@PathVariable String invoiceNumber,
                                               @RequestBody(required = false) String body, Principal user) {
        return created(invoiceNumber, requests.dispute(invoiceNumber, FieldReader.parse(body), user.getName()));
    }

    private static <T> ResponseEntity<T> created(String invoiceNumber, T record) {
        URI location = UriComponentsBuilder.fromPath("/api/invoices/{number}").buildAndExpand(invoiceNumber)
            .encode().toUri();
        return ResponseEntity.created(location).body(record);
    }
}
