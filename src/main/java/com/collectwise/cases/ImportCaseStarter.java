package com.collectwise.cases;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.collectwise.customers.CustomerRepository;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;

/**
 * Starts the cases of large imports in the background, a batch per transaction, on every node: the batch's
 * invoices are locked (PostgreSQL skips another node's batch), an invoice whose case is started leaves the
 * queue in the same transaction, so a crash or a second node never starts a case twice. A batch that fails is
 * retried invoice by invoice; an invoice that still fails is recorded as the import's error and leaves the queue.
 */
@Component
public class ImportCaseStarter {

    private static final Logger log = LoggerFactory.getLogger(ImportCaseStarter.class);

    private final InvoiceImports imports;
    private final InvoiceRepository invoices;
    private final CustomerRepository customers;
    private final InvoiceService invoiceService;
    private final BusinessClock clock;
    private final TransactionTemplate transaction;
    private final int batchSize;
    private final boolean skipLocked;

    public ImportCaseStarter(InvoiceImports imports, InvoiceRepository invoices, CustomerRepository customers,
                             InvoiceService invoiceService, BusinessClock clock, PlatformTransactionManager transactions,
                             DataSource dataSource, CaseSettings settings) {
        this.imports = imports;
        this.invoices = invoices;
        this.customers = customers;
        this.invoiceService = invoiceService;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.batchSize = Math.max(1, Math.min(settings.imports().batchSize(), 1000));
        this.skipLocked = isPostgres(dataSource);
    }

    @Scheduled(fixedDelayString = "${collectwise.import.start-interval}",
        initialDelayString = "${collectwise.import.initial-delay}")
    public void scheduled() {
        startPending();
    }

    /**
     * Works through every unfinished import until no invoice of it is left for this node.
     *
     * @return how many cases this call started
     */
    public int startPending() {
        int started = 0;
        for (String importId : imports.unfinished()) {
            int batch;
            // every round takes invoices out of the queue (started or failed) or finds none: the loop ends
            do {
                batch = startBatch(importId);
                started += Math.max(0, batch);
            } while (batch != 0);
            if (invoices.countPendingOfImport(importId) == 0) {
                imports.finish(importId, clock.now());
                log.info("Import {}: every case started", importId);
            }
        }
        return started;
    }

    /** @return cases started, 0 when nothing was left, -1 when the batch only recorded errors */
    private int startBatch(String importId) {
        try {
            Integer started = transaction.execute(status -> {
                // the batch's customers first (in the order of their ids), then its invoices: the order of a payment,
                // which holds its customer and then books on the customer's invoices. Invoices first and then their
                // customers (as the registration of each was told) deadlocked with it.
                List<String> peeked = invoices.customersOfPendingImport(importId, batchSize);
                customers.lockInOrder(peeked);
                List<Invoice> batch = invoices.lockPendingOfImport(importId, batchSize, skipLocked);
                // another node took the peeked invoices meanwhile (PostgreSQL skips them): this batch's other customers
                customers.lockInOrder(batch.stream().map(Invoice::customerId).filter(id -> !peeked.contains(id))
                    .toList());
                Map<String, Customer> byId = new HashMap<>();
                for (Invoice invoice : batch) {
                    Customer customer = byId.computeIfAbsent(invoice.customerId(),
                        id -> customers.find(id).orElseThrow());
                    invoiceService.startCase(invoice, customer);
                }
                imports.batchDone(importId, batch.size(), clock.now());
                return batch.size();
            });
            return started == null ? 0 : started;
        } catch (RuntimeException batchFailed) {
            log.warn("Import {}: a batch failed ({}); starting its cases one by one", importId, batchFailed.toString());
            return oneByOne(importId);
        }
    }

    private int oneByOne(String importId) {
        int started = 0;
        boolean failedAny = false;
        for (int i = 0; i < batchSize; i++) {
            List<Invoice> next = transaction.execute(s -> invoices.lockPendingOfImport(importId, 1, skipLocked));
            if (next == null || next.isEmpty()) {
                break;
            }
            Invoice invoice = next.get(0);
            try {
                transaction.executeWithoutResult(status -> {
                    customers.lock(invoice.customerId());
                    invoiceService.startCase(invoice, customers.find(invoice.customerId()).orElseThrow());
                    imports.batchDone(importId, 1, clock.now());
                });
                started++;
            } catch (RuntimeException e) {
                failedAny = true;
                log.error("Import {}: the case of invoice {} could not be started", importId, invoice.invoiceNumber(), e);
                transaction.executeWithoutResult(status -> {
                    imports.failed(importId, invoice.invoiceNumber(), String.valueOf(e.getMessage()), clock.now());
                    invoices.detachFromImport(invoice.invoiceNumber());
                });
            }
        }
        return started > 0 ? started : failedAny ? -1 : 0;
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            return false;
        }
    }
}
