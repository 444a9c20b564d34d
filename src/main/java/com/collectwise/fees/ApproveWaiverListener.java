package com.collectwise.fees;

import static com.collectwise.kernel.CaseVariables.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CurrentUser;

/**
 * Completing "Approve waiver": a decision and its reason are required, nobody approves their own request, and
 * an approval must still fit what is open today (a payment may have come in since the request); otherwise the
 * task stays open with the message. Records who decided: the ledger line names the approver.
 * <p>
 * The complete listener of {@code Task_ApproveWaiver}; cases on model versions before this name reach it as
 * {@code validateWaiverDecisionListener} (an alias, {@code supervision.ListenerNamesOfEarlierVersions}).
 */
@Component("approveWaiverListener")
public class ApproveWaiverListener implements TaskListener {

    static final Set<String> DECISIONS = Set.of("APPROVE", "REJECT");

    private final WaiverRequests waivers;
    private final BusinessClock clock;

    public ApproveWaiverListener(WaiverRequests waivers, BusinessClock clock) {
        this.waivers = waivers;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        List<String> problems = new ArrayList<>();
        Object decision = task.getVariable(WAIVER_DECISION);
        if (decision == null || !DECISIONS.contains(decision.toString())) {
            problems.add("choose approve or reject");
        }
        Object reason = task.getVariable(DECISION_REASON);
        if (reason == null || reason.toString().isBlank()) {
            problems.add("give the reason for the decision");
        }
        String decidedBy = CurrentUser.idOr(task, task.getAssignee() == null ? "supervisor" : task.getAssignee());
        boolean approve = "APPROVE".equals(String.valueOf(decision));
        if (approve && decidedBy.equals(task.getVariable(WAIVER_REQUESTED_BY))) {
            problems.add("another supervisor must approve a waiver you requested yourself");
        }
        if (approve && problems.isEmpty()) {
            try {
                waivers.check((String) task.getVariable(INVOICE_NUMBER), task.getVariable(WAIVER_COMPONENT),
                    task.getVariable(WAIVER_AMOUNT), (String) task.getVariable(WAIVER_REASON), clock.today());
            } catch (WaiverRefusedException e) {
                problems.add(e.getMessage() + " Reject it, and ask for a new request if a smaller amount is right");
            }
        }
        if (!problems.isEmpty()) {
            throw new ProcessEngineException("The decision cannot be saved: " + String.join("; ", problems) + ".");
        }
        task.setVariable(APPROVED_BY, decidedBy);
    }
}
