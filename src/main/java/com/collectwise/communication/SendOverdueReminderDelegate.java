package com.collectwise.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.CaseVariables;

import com.collectwise.kernel.ElementProperty;
import com.collectwise.fees.FeeService;

/**
 * "Send overdue reminder" with today's outstanding amount, the interest rate and its basis, and its fee; a part
 * under open dispute is named and not demanded.
 */
@Component("sendOverdueReminderDelegate")
public class SendOverdueReminderDelegate implements JavaDelegate {

    private final NoticeContext context;
    private final CaseFacts facts;
    private final CollectionNotices notices;

    public SendOverdueReminderDelegate(NoticeContext context, CollectionNotices notices, CaseFacts facts) {
        this.facts = facts;
        this.context = context;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NoticeContext.Case c = context.of((String) execution.getVariable(CaseVariables.INVOICE_NUMBER),
            facts.stageEntry(execution));
        LateCharges charges = context.lateCharges(c, FeeService.Kind.REMINDER_FEE,
            ElementProperty.nextTaskRuns(execution, "chargeReminderFeeDelegate"));
        notices.overdueReminder(c.figures().invoice(), c.customer(), c.figures().statement(), c.figures().daysOverdue(),
            c.stageEntry(), charges, c.disputed());
    }
}
