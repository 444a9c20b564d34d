package com.collectwise.fees;

import com.collectwise.money.Statement;
import static com.collectwise.kernel.CaseVariables.*;

import java.time.LocalDate;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.CurrentUser;

/**
 * "Check waiver request" (Process_RequestWaiver): runs inside the start on purpose, so an unknown or closed
 * invoice, a missing reason or too large an amount refuses the start with a message the requester sees in
 * Tasklist. Prepares the statement the supervisor decides on.
 */
@Component("checkWaiverRequestDelegate")
public class CheckWaiverRequestDelegate implements JavaDelegate {

    private final WaiverRequests waivers;
    private final BusinessClock clock;

    public CheckWaiverRequestDelegate(WaiverRequests waivers, BusinessClock clock) {
        this.waivers = waivers;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LocalDate today = clock.today();
        WaiverRequests.Request request;
        try {
            request = waivers.check((String) execution.getVariable(INVOICE_NUMBER),
                execution.getVariable(WAIVER_COMPONENT), execution.getVariable(WAIVER_AMOUNT),
                (String) execution.getVariable(WAIVER_REASON), today);
        } catch (WaiverRefusedException e) {
            throw new ProcessEngineException(e.getMessage(), e);
        }
        Statement statement = waivers.statement(request.invoice().invoiceNumber(), today);
        execution.setVariable(INVOICE_NUMBER, request.invoice().invoiceNumber());
        execution.setVariable(CUSTOMER_ID, request.invoice().customerId());
        execution.setVariable(CUSTOMER_NAME, waivers.customerName(request.invoice()));
        execution.setVariable(CURRENCY, request.invoice().currency());
        execution.setVariable(WAIVER_AMOUNT, CaseEngine.toNumber(request.amount().amount()));
        execution.setVariable(WAIVER_REASON, request.reason());
        execution.setVariable(WAIVER_REQUESTED_BY, CurrentUser.idOr(execution, null));
        execution.setVariable(STATEMENT_AS_OF, today.toString());
        execution.setVariable(OPEN_PRINCIPAL, CaseEngine.toNumber(statement.principal()));
        execution.setVariable(OPEN_INTEREST, CaseEngine.toNumber(statement.interest()));
        execution.setVariable(OPEN_FEES, CaseEngine.toNumber(statement.fees()));
        execution.setVariable(OUTSTANDING_AMOUNT, CaseEngine.toNumber(statement.total()));
    }
}
