package com.collectwise.cases;

import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.kernel.Customer;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.collectwise.api.FieldProblem;
import com.collectwise.api.RequestReader;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.api.InvalidRequestException;
import com.collectwise.api.LineProblem;

/**
 * Imports a CSV file of invoices (typically the open ledger at go-live): all or nothing. Every line is
 * checked first and every problem reported with its line number; only a clean file is imported,
 * in one transaction. A small file's cases are started in that transaction too; a larger one's (more than
 * {@code collectwise.import.synchronous-up-to} invoices, default 500) are started afterwards in batches by
 * {@link ImportCaseStarter}, and the import id it answers with shows the progress. Until its case starts, such an
 * invoice shows the stage its case will start in ({@link EntryStages#beforeStart}), never PRE_DUE for an old one.
 */
@Service
public class InvoiceImportService {

    /** The columns are the fields of {@link InvoiceRequest}. */
    static final Set<String> REQUIRED_COLUMNS = Set.of("invoiceNumber", "customerId", "issueDate", "dueDate", "amount",
        "currency");
    static final Set<String> OPTIONAL_COLUMNS = Set.of("creditTermDays", "contractInterestRatePercent");
    private static final String INVOICE_NUMBER = "invoiceNumber";
    /** One transaction holds the whole file; larger ledgers are split by the sender. */
    static final int MAX_INVOICES = 10_000;

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
        // empty lines are skipped by hand so that record numbers stay line numbers
        .setIgnoreEmptyLines(false)
        .setTrim(true)
        .get();

    private final InvoiceService invoiceService;
    private final RequestReader requests;
    private final InvoiceRepository invoices;
    private final InvoiceImports imports;
    private final BusinessClock clock;
    private final int synchronousUpTo;
    private final EntryStages entryStages;
    private final CustomerRepository customers;

    public InvoiceImportService(InvoiceService invoiceService, RequestReader requests, InvoiceRepository invoices,
                                InvoiceImports imports, BusinessClock clock, CaseSettings settings,
                                EntryStages entryStages, CustomerRepository customers) {
        this.entryStages = entryStages;
        this.customers = customers;
        this.invoiceService = invoiceService;
        this.requests = requests;
        this.invoices = invoices;
        this.imports = imports;
        this.clock = clock;
        this.synchronousUpTo = settings.imports().synchronousUpTo();
    }

    /** What the request answers: how many invoices were stored, and the import whose progress can be followed. */
    public record Imported(int imported, String importId, boolean casesStarted) {
    }

    /**
     * @return the number of invoices imported and the import id
     * @throws InvalidRequestException listing every bad line; nothing is imported then
     */
    @Transactional
    public Imported importCsv(String csv, String user) {
        // Excel writes a byte order mark that would otherwise become part of the first column name
        String text = csv == null ? "" : csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        if (text.isBlank()) {
            throw lines(List.of(new LineProblem(1, null, "the file is empty; the first line must name the columns")));
        }
        List<LineProblem> problems = new ArrayList<>();
        List<Invoice> accepted = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(FORMAT).get()) {
            checkHeader(parser.getHeaderNames(), problems);
            if (!problems.isEmpty()) {
                throw lines(problems);
            }
            Map<String, Long> firstLineOf = new HashMap<>();
            long line = 1;
            for (CSVRecord record : parser) {
                line = lineOf(record);
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue;
                }
                if (accepted.size() + problems.size() >= MAX_INVOICES) {
                    problems.add(new LineProblem(line, null, "too many lines; at most " + MAX_INVOICES
                        + " invoices per file"));
                    break;
                }
                readLine(record, line, firstLineOf, accepted, problems);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            // malformed CSV (unbalanced quotes, duplicate column names): the parser says where
            problems.add(new LineProblem(1, null, "is not a valid CSV file: " + e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw lines(problems);
        }
        String importId = UUID.randomUUID().toString();
        boolean now = accepted.size() <= synchronousUpTo;
        if (now) {
            // every customer of the file locked first, in the order of their ids (the registration of each invoice
            // locks its customer again, a no-op then): in file order, two files naming A and B in opposite order
            // deadlocked, and a payment or registration of one of them waited on an import that waited on it
            customers.lockInOrder(accepted.stream().map(Invoice::customerId).toList());
            accepted.forEach(invoiceService::open);
        } else {
            // until its case starts, an invoice shows the stage the case will start in (EntryStages#beforeStart)
            Optional<EntryStages.Policy> policy = entryStages.policy();
            Map<String, Customer> byId = new HashMap<>();
            accepted.forEach(invoice -> invoices.insertImported(invoice.withStage(entryStages.beforeStart(invoice,
                byId.computeIfAbsent(invoice.customerId(), id -> customers.find(id).orElseThrow()), policy)),
                importId));
        }
        imports.create(importId, user, accepted.size(), clock.now(), now);
        return new Imported(accepted.size(), importId, now);
    }

    private void readLine(CSVRecord record, long line, Map<String, Long> firstLineOf, List<Invoice> accepted,
                          List<LineProblem> problems) {
        if (!record.isConsistent()) {
            problems.add(new LineProblem(line, null, "has " + record.size() + " values but the header names "
                + record.getParser().getHeaderNames().size() + " columns"));
            return;
        }
        Map<String, String> values = new LinkedHashMap<>(record.toMap());
        RequestReader.Read<InvoiceRequest> invoice = requests.read(values, InvoiceRequest.class);
        List<FieldProblem> found = new ArrayList<>(invoice.problems());
        String number = values.get(INVOICE_NUMBER);
        if (number != null && !number.isBlank() && found.stream().noneMatch(p -> p.field().equals(INVOICE_NUMBER))) {
            Long first = firstLineOf.putIfAbsent(number, line);
            if (first != null) {
                found.add(new FieldProblem(INVOICE_NUMBER, "duplicates line " + first + " of this file"));
            } else if (invoices.exists(number)) {
                found.add(new FieldProblem(INVOICE_NUMBER, "is registered already"));
            }
        }
        if (found.isEmpty()) {
            accepted.add(invoice.value().toInvoice());
        } else {
            found.forEach(p -> problems.add(new LineProblem(line, p.field(), p.message())));
        }
    }

    private static void checkHeader(List<String> header, List<LineProblem> problems) {
        for (String column : header) {
            if (!REQUIRED_COLUMNS.contains(column) && !OPTIONAL_COLUMNS.contains(column)) {
                problems.add(new LineProblem(1, column, "is not an invoice field; the columns are "
                    + REQUIRED_COLUMNS.stream().sorted().toList() + " and optionally "
                    + OPTIONAL_COLUMNS.stream().sorted().toList()));
            }
        }
        REQUIRED_COLUMNS.stream().sorted().filter(c -> !header.contains(c))
            .forEach(c -> problems.add(new LineProblem(1, c, "column is missing")));
    }

    /** Line in the file, counting the header as line 1 (exact unless a quoted value spans lines). */
    private static long lineOf(CSVRecord record) {
        return record.getRecordNumber() + 1;
    }

    private static InvalidRequestException lines(List<LineProblem> problems) {
        return new InvalidRequestException(problems);
    }
}
