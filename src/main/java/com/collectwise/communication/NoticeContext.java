package com.collectwise.communication;

import static com.collectwise.cases.CaseVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.springframework.stereotype.Component;

import com.collectwise.cases.CaseFigures;
import com.collectwise.customers.Customer;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.fees.FeeService;
import com.collectwise.fees.Money;
import com.collectwise.fees.StatementDetail;
import com.collectwise.fees.StatementService;

/** Loads what every notice delegate needs: today's figures of the case, its customer and the stage entry. */
@Component
public class NoticeContext {

    private final CaseFigures figures;
    private final CustomerRepository customers;
    private final StatementService statements;
    private final FeeService fees;

    public NoticeContext(CaseFigures figures, CustomerRepository customers, StatementService statements,
                         FeeService fees) {
        this.figures = figures;
        this.customers = customers;
        this.statements = statements;
        this.fees = fees;
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

    /**
     * The rate and basis of the case's invoice today and the fee of this notice. The fee is quoted only when the
     * model books it: the task right after this one charges it ({@code chargeBean}) in the same transaction, so
     * the notice and the ledger agree whatever a supervisor changes in the model.
     */
    public LateCharges lateCharges(DelegateExecution execution, Case c, FeeService.Kind kind, String chargeBean) {
        StatementDetail detail = statements.detail(c.figures().invoice(), c.figures().statement().asOf());
        Money fee = chargedNext(execution, chargeBean) ? fees.feeFor(c.figures().invoice(), kind).orElse(null) : null;
        return LateCharges.of(detail.basis(), c.figures().statement().asOf(), fee == null ? null : withinCap(fee, detail));
    }

    /**
     * Late charges stop at the policy's cap, fees first and interest filling the rest: a fee adds what is left
     * below the cap, at most itself.
     */
    static Money withinCap(Money fee, StatementDetail detail) {
        if (detail.cap() == null) {
            return fee;
        }
        Money room = detail.cap().minus(detail.accruedFees()).minus(detail.accruedInterest());
        if (room.amount().signum() <= 0) {
            return null;
        }
        return fee.compareTo(room) <= 0 ? fee : room;
    }

    static boolean chargedNext(DelegateExecution execution, String chargeBean) {
        if (!(execution.getBpmnModelElementInstance() instanceof FlowNode node)) {
            return false;
        }
        String expression = "${" + chargeBean + "}";
        return node.getOutgoing().stream().map(flow -> flow.getTarget())
            .anyMatch(t -> t instanceof ServiceTask task && expression.equals(task.getCamundaDelegateExpression()));
    }
}
