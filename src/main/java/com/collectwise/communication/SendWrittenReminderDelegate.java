package com.collectwise.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseFacts;
import com.collectwise.kernel.CaseVariables;

import com.collectwise.kernel.ElementProperty;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.fees.FeeService;

/**
 * "Send written reminder" after the formal letter, at the policy's interval ("37% treat the first notice as
 * unseen"): today's figures, the undisputed amount to pay, the rate and its basis. One per day it is sent, so a
 * retried job queues nothing twice.
 */
@Component("sendWrittenReminderDelegate")
public class SendWrittenReminderDelegate implements JavaDelegate {

    private final NoticeContext context;
    private final CaseFacts facts;
    private final CollectionNotices notices;
    private final BusinessClock clock;

    public SendWrittenReminderDelegate(NoticeContext context, CollectionNotices notices, BusinessClock clock, CaseFacts facts) {
        this.facts = facts;
        this.context = context;
        this.notices = notices;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NoticeContext.Case c = context.of((String) execution.getVariable(CaseVariables.INVOICE_NUMBER),
            facts.stageEntry(execution));
        LateCharges charges = context.lateCharges(c, FeeService.Kind.REMINDER_FEE,
            ElementProperty.nextTaskRuns(execution, "chargeWrittenReminderFeeDelegate"));
        notices.writtenReminder(c.figures().invoice(), c.customer(), c.figures().statement(), c.figures().daysOverdue(),
            charges, c.disputed(), clock.today());
    }
}
