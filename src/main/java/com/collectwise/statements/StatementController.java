package com.collectwise.statements;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import com.collectwise.api.AsOf;
import com.collectwise.api.NotFoundException;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Language;

/**
 * The statement of account of a customer: GET as JSON, or with {@code Accept: application/pdf} the PDF that is
 * sent; POST .../sendings e-mails it now (on request); POST .../confirmations records the customer's confirmation.
 */
@RestController
@RequestMapping("/api/customers/{customerId}/statement")
public class StatementController {

    private final StatementOfAccountService statements;
    private final StatementOfAccountPdf pdf;
    private final StatementSendings sendings;
    private final StatementConfirmations confirmations;
    private final BusinessClock clock;
    private final CustomerRepository customers;

    public StatementController(StatementOfAccountService statements, StatementOfAccountPdf pdf,
                               StatementSendings sendings, StatementConfirmations confirmations, BusinessClock clock,
                               CustomerRepository customers) {
        this.customers = customers;
        this.statements = statements;
        this.pdf = pdf;
        this.sendings = sendings;
        this.confirmations = confirmations;
        this.clock = clock;
    }

    /**
     * One method for both representations, chosen from the Accept header here: an error then still answers as
     * problem+json, whatever the client accepts.
     */
    @GetMapping
    public ResponseEntity<?> statement(@PathVariable String customerId,
                                       @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
                                       @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        StatementOfAccount statement = statements.statement(customerId, AsOf.report(asOf, clock.today()));
        if (wantsPdf(accept)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"statement-" + customerId + "-"
                    + statement.asOf() + ".pdf\"")
                .body(pdf.render(statement, customers.find(customerId).map(Customer::language).orElse(Language.EN)));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(statement);
    }

    /**
     * Body (optional) {@code {recipient}}: e-mails today's statement for confirmation. 201 with the sending; the same
     * request again the same day (same recipient) is a replay: 200, nothing sent twice.
     */
    @PostMapping("/sendings")
    public ResponseEntity<StatementSendings.Sending> send(@PathVariable String customerId,
                                                          @Valid @RequestBody(required = false) SendingRequest request,
                                                          Principal user) {
        String recipient = request == null ? null : request.recipient();
        StatementSendings.Sending sending = sendings.onRequest(customerId, recipient, user.getName());
        URI location = UriComponentsBuilder.fromPath("/api/customers/{c}/statement/sendings/{id}")
            .buildAndExpand(customerId, sending.id()).encode().toUri();
        return sending.replay() ? ResponseEntity.ok().location(location).body(sending)
            : ResponseEntity.created(location).body(sending);
    }

    @GetMapping("/sendings")
    public List<StatementSendings.Sending> sendings(@PathVariable String customerId) {
        return sendings.list(customerId);
    }

    /** The PDF exactly as it was sent (the evidence). */
    @GetMapping("/sendings/{id}")
    public ResponseEntity<byte[]> sent(@PathVariable String customerId, @PathVariable long id) {
        byte[] content = sendings.content(customerId, id)
            .orElseThrow(() -> new NotFoundException("No statement sending " + id + " for customer " + customerId));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
            .header("X-Content-SHA256", StatementSendings.sha256(content)).body(content);
    }

    /** 201 recorded; the same confirmation again 200; other details for the same statement date 409. */
    @PostMapping("/confirmations")
    public ResponseEntity<StatementConfirmations.Confirmation> confirm(@PathVariable String customerId,
                                                                       @Valid @RequestBody ConfirmationRequest request,
                                                                       Principal user) {
        StatementConfirmations.Result result = confirmations.confirm(customerId, request.statementDate(),
            request.confirmedOn(), request.confirmedBy(), request.note(), user.getName());
        URI location = UriComponentsBuilder.fromPath("/api/customers/{c}/statement/confirmations/{date}")
            .buildAndExpand(customerId, result.confirmation().statementDate()).encode().toUri();
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).location(location)
            .body(result.confirmation());
    }

    @GetMapping("/confirmations/{statementDate}")
    public StatementConfirmations.Confirmation confirmation(@PathVariable String customerId,
                                                            @PathVariable String statementDate) {
        java.time.LocalDate date = AsOf.date(statementDate);
        return confirmations.find(customerId, date).orElseThrow(() -> new NotFoundException(
            "No confirmation of the statement of " + statementDate + " for customer " + customerId));
    }

    private static boolean wantsPdf(String accept) {
        if (accept == null) {
            return false;
        }
        List<MediaType> types;
        try {
            types = new java.util.ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false; // an unreadable Accept header gets the default, JSON
        }
        org.springframework.util.MimeTypeUtils.sortBySpecificity(types);
        for (MediaType type : types) {
            if (type.isCompatibleWith(MediaType.APPLICATION_PDF) && !type.isWildcardType()) {
                return true;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.isWildcardType()) {
                return false;
            }
        }
        return false;
    }
}
