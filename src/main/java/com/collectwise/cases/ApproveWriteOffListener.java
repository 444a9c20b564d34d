package com.collectwise.cases;

import com.collectwise.kernel.CurrentUser;
import com.collectwise.kernel.FormAmount;
import static com.collectwise.kernel.CaseVariables.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A sale needs a buyer and a price, every closing decision a reason: otherwise the approval stays open.
 * Records who approved, for the ledger.
 * <p>
 * The complete listener of {@code Task_ApproveWriteOff}; cases on model versions before this name reach it as
 * {@code validateClosingDecisionListener} (an alias, {@code supervision.ListenerNamesOfEarlierVersions}).
 */
@Component("approveWriteOffListener")
public class ApproveWriteOffListener implements TaskListener {

    static final Set<String> DECISIONS = Set.of("WRITE_OFF", "SELL", "CONTINUE_COLLECTION");

    @Override
    public void notify(DelegateTask task) {
        List<String> problems = new ArrayList<>();
        Object decision = task.getVariable(CLOSING_DECISION);
        if (decision == null || !DECISIONS.contains(decision.toString())) {
            problems.add("choose write off, sell or continue collection");
        }
        if (blank(task.getVariable(DECISION_REASON))) {
            problems.add("give the reason for the decision");
        }
        if ("SELL".equals(String.valueOf(decision))) {
            if (blank(task.getVariable(BUYER))) {
                problems.add("name the buyer");
            }
            BigDecimal price = FormAmount.of(task.getVariable(SALE_PRICE));
            if (price == null || price.signum() <= 0) {
                problems.add("give the sale price (more than 0)");
            } else {
                String tooFine = FormAmount.problem("the sale price", price, task.getVariable(CURRENCY));
                if (tooFine != null) {
                    problems.add(tooFine);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ProcessEngineException("The decision cannot be saved: " + String.join("; ", problems) + ".");
        }
        // the write-off is booked later in an asynchronous step, where nobody is logged in: keep the approver
        task.setVariable(APPROVED_BY, CurrentUser.idOr(task, task.getAssignee() == null ? "finance" : task.getAssignee()));
    }

    private static boolean blank(Object v) {
        return v == null || v.toString().isBlank();
    }
}
