package com.collectwise.handoff;

import static com.collectwise.kernel.CaseVariables.*;

import java.time.Period;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Hand off to agency": POSTs the n-th mandate of the case. n counts the mandates the agency confirmed
 * (agency_mandates, written in the job's transaction), so every retry of one hand-off uses the same n and
 * therefore the same Idempotency-Key, and a later mandate of the case gets the next n.
 */
@Component("handOffToAgencyDelegate")
public class HandOffToAgencyDelegate implements JavaDelegate {

    private final AgencyHandoffService handoffs;

    public HandOffToAgencyDelegate(AgencyHandoffService handoffs) {
        this.handoffs = handoffs;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String invoiceNumber = (String) execution.getVariable(INVOICE_NUMBER);
        int number = handoffs.nextHandoffNumber(invoiceNumber);
        Object mandate = execution.getVariable(AGENCY_MANDATE);
        handoffs.handOff(invoiceNumber, number,
            Period.parse(mandate == null ? "P90D" : (String) mandate));
        execution.setVariable(AGENCY_HANDOFF_NUMBER, number);
    }
}
