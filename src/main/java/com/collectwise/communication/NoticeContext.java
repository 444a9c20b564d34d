package com.collectwise.communication;

import static com.collectwise.cases.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import com.collectwise.cases.CaseFigures;
import com.collectwise.customers.Customer;
import com.collectwise.customers.CustomerRepository;

/** Loads what every notice delegate needs: today's figures of the case, its customer and the stage entry. */
@Component
public class NoticeContext {

    private final CaseFigures figures;
    private final CustomerRepository customers;

    public NoticeContext(CaseFigures figures, CustomerRepository customers) {
        this.figures = figures;
        this.customers = customers;
    }

    public record Case(CaseFigures.Figures figures, Customer customer, int stageEntry) {
    }

    public Case of(DelegateExecution execution) {
        CaseFigures.Figures today = figures.today((String) execution.getVariable(INVOICE_NUMBER));
        Customer customer = customers.find(today.invoice().customerId())
            .orElseThrow(() -> new IllegalStateException("Customer " + today.invoice().customerId() + " does not exist"));
        Object entry = execution.getVariable(STAGE_ENTRY_NUMBER);
        return new Case(today, customer, entry == null ? 0 : ((Number) entry).intValue());
    }
}
