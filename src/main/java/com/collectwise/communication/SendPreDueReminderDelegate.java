package com.collectwise.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseVariables;

/** "Send pre-due reminder": one friendly reminder per invoice, with the rate that applies once it is overdue. */
@Component("sendPreDueReminderDelegate")
public class SendPreDueReminderDelegate implements JavaDelegate {

    private final NoticeContext context;
    private final CollectionNotices notices;

    public SendPreDueReminderDelegate(NoticeContext context, CollectionNotices notices) {
        this.context = context;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NoticeContext.BeforeDue c = context.beforeDue((String) execution.getVariable(CaseVariables.INVOICE_NUMBER));
        // the customer is told the rate of late payment (逾期费率) before it applies
        notices.preDueReminder(c.invoice(), c.customer(), c.rateOnceOverdue());
    }
}
