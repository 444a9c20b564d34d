package com.collectwise.cases;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.ContactEntry;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
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
import com.collectwise.kernel.AfterTransaction;

@RestController
@RequestMapping("/api/invoices")
public class InvoiceController {

    private final InvoiceImports imports;
    private final InvoiceService invoices;
    private final InvoiceImportService importer;
    private final CaseViewService views;
    private final InvoiceRepository repository;
    private final BusinessClock clock;
    private final org.springframework.transaction.support.TransactionTemplate transaction;

    public InvoiceController(InvoiceService invoices, InvoiceImportService importer, CaseViewService views,
                             InvoiceRepository repository, BusinessClock clock, InvoiceImports imports,
                             org.springframework.transaction.PlatformTransactionManager transactions) {
        this.transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.imports = imports;
        this.invoices = invoices;
        this.repository = repository;
        this.importer = importer;
        this.views = views;
        this.clock = clock;
    }

    /**
     * One transaction for the registration and its answer: the invoice, customer and statement are read once. Money
     * posted for the invoice at the same moment is looked for again after the commit, before the answer is written
     * ({@link AfterTransaction}: the request holds one connection at a time).
     */
    @PostMapping
    public ResponseEntity<CaseView> register(@Valid @RequestBody InvoiceRequest request) {
        return AfterTransaction.around(() -> transaction.execute(status -> {
            Invoice invoice = invoices.register(request.toInvoice());
            URI location = UriComponentsBuilder.fromPath("/api/invoices/{number}")
                .buildAndExpand(invoice.invoiceNumber()).encode().toUri();
            return ResponseEntity.created(location).body(views.view(invoice.invoiceNumber(), clock.today()));
        }));
    }

    /** CSV in UTF-8 unless the Content-Type names another charset. */
    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    public ResponseEntity<Map<String, Object>> importCsv(@RequestBody(required = false) byte[] body,
                                                         @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
                                                         java.security.Principal user) {
        Charset charset = contentType.getCharset() != null ? contentType.getCharset() : StandardCharsets.UTF_8;
        InvoiceImportService.Imported done = AfterTransaction.around(() -> importer.importCsv(
            body == null ? "" : new String(body, charset), user == null ? null : user.getName()));
        URI progress = UriComponentsBuilder.fromPath("/api/invoices/imports/{id}").buildAndExpand(done.importId())
            .encode().toUri();
        return ResponseEntity.ok().location(progress).body(Map.of("imported", done.imported(),
            "importId", done.importId(), "status", done.casesStarted() ? "DONE" : "STARTING_CASES"));
    }

    /** The progress of an import: invoices stored, cases started, errors and, while it runs, an estimate. */
    @GetMapping("/imports/{importId}")
    public InvoiceImports.Progress importProgress(@PathVariable String importId) {
        return imports.progress(importId, clock.now())
            .orElseThrow(() -> new NotFoundException("There is no import " + importId));
    }

    @GetMapping("/{invoiceNumber}")
    public CaseView view(@PathVariable String invoiceNumber, @RequestParam(required = false) String asOf) {
        // a malformed date is a 400 at once; a well-formed one must lie within the invoice's issue date .. today
        // + 10 years, checked before any figure is computed (the default, today, is always answered)
        LocalDate date = AsOf.date(asOf);
        Invoice invoice = repository.find(invoiceNumber)
            .orElseThrow(() -> new NotFoundException("There is no invoice " + invoiceNumber));
        return views.view(invoiceNumber, date == null ? clock.today()
            : AsOf.within(date, invoice.issueDate(), clock.today()));
    }

    @GetMapping("/{invoiceNumber}/contacts")
    public List<ContactEntry> contacts(@PathVariable String invoiceNumber) {
        return views.contacts(invoiceNumber);
    }
}
