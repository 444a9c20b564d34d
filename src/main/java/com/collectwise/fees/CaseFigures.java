package com.collectwise.fees;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Service;

import com.collectwise.money.Statement;

/** The figures a case shows today: what is outstanding (from the ledger) and how many days overdue. */
@Service
public class CaseFigures {

    private final InvoiceRepository invoices;
    private final StatementService statements;
    private final BusinessClock clock;

    public CaseFigures(InvoiceRepository invoices, StatementService statements, BusinessClock clock) {
        this.invoices = invoices;
        this.statements = statements;
        this.clock = clock;
    }

    public record Figures(Invoice invoice, Statement statement, long daysOverdue) {
        public BigDecimal outstanding() {
            return statement.total();
        }
    }

    public Figures today(String invoiceNumber) {
        Invoice invoice = invoices.find(invoiceNumber)
            .orElseThrow(() -> new IllegalStateException("Invoice " + invoiceNumber + " does not exist"));
        LocalDate today = clock.today();
        return new Figures(invoice, statements.statement(invoice, today),
            Math.max(0, ChronoUnit.DAYS.between(invoice.dueDate(), today)));
    }
}
