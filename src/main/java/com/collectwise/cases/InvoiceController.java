package com.collectwise.cases;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

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

import com.collectwise.api.FieldReader;
import com.collectwise.api.InvalidRequestException;

@RestController
@RequestMapping("/api/invoices")
public class InvoiceController {

    private final InvoiceService invoices;
    private final InvoiceImportService importer;
    private final CaseViewService views;
    private final BusinessClock clock;

    public InvoiceController(InvoiceService invoices, InvoiceImportService importer, CaseViewService views,
                             BusinessClock clock) {
        this.invoices = invoices;
        this.importer = importer;
        this.views = views;
        this.clock = clock;
    }

    @PostMapping
    public ResponseEntity<CaseView> register(@RequestBody(required = false) String body) {
        Invoice invoice = invoices.register(FieldReader.parse(body));
        URI location = UriComponentsBuilder.fromPath("/api/invoices/{number}")
            .buildAndExpand(invoice.invoiceNumber()).encode().toUri();
        return ResponseEntity.created(location).body(views.view(invoice.invoiceNumber(), clock.today()));
    }

    /** CSV in UTF-8 unless the Content-Type names another charset. */
    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    public Map<String, Integer> importCsv(@RequestBody(required = false) byte[] body,
                                          @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType) {
        Charset charset = contentType.getCharset() != null ? contentType.getCharset() : StandardCharsets.UTF_8;
        int imported = importer.importCsv(body == null ? "" : new String(body, charset));
        return Map.of("imported", imported);
    }

    @GetMapping("/{invoiceNumber}")
    public CaseView view(@PathVariable String invoiceNumber, @RequestParam(required = false) String asOf) {
        return views.view(invoiceNumber, asOf == null || asOf.isBlank() ? clock.today() : parseAsOf(asOf));
    }

    @GetMapping("/{invoiceNumber}/contacts")
    public List<ContactEntry> contacts(@PathVariable String invoiceNumber) {
        return views.contacts(invoiceNumber);
    }

    private static LocalDate parseAsOf(String asOf) {
        try {
            return LocalDate.parse(asOf.trim());
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.of("asOf", "must be an ISO date (yyyy-MM-dd)");
        }
    }
}
