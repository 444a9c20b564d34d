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
 * "Send formal dunning letter": the demand with principal, interest (rate and basis), fees and consequences, kept
 * as evidence. It demands the undisputed part only, and a time-barred claim's letter threatens no suit.
 */
@Component("sendDunningLetterDelegate")
public class SendDunningLetterDelegate implements JavaDelegate {

    private final NoticeContext context;
    private final CaseFacts facts;
    private final CollectionNotices notices;
    private final DunningLetterService letters;
    private final BusinessClock clock;

    public SendDunningLetterDelegate(NoticeContext context, CollectionNotices notices, DunningLetterService letters,
                                     BusinessClock clock, CaseFacts facts) {
        this.facts = facts;
        this.context = context;
        this.notices = notices;
        this.letters = letters;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NoticeContext.Case c = context.of((String) execution.getVariable(CaseVariables.INVOICE_NUMBER),
            facts.stageEntry(execution));
        LateCharges charges = context.lateCharges(c, FeeService.Kind.LETTER_FEE,
            ElementProperty.nextTaskRuns(execution, "chargeLetterFeeDelegate"));
        notices.dunningLetter(c.figures().invoice(), c.customer(), c.figures().statement(), c.figures().daysOverdue(),
            c.stageEntry(), charges, clock.today(), c.disputed(), c.timeBarred());
        // the PDF is the evidence of the demand (hash + delivery status), downloadable from the case
        letters.create(c.figures().invoice(), c.customer(), c.figures().statement(), charges, clock.today(),
            c.stageEntry(), c.disputed(), c.timeBarred());
        // the written reminders after the letter count from it (WrittenReminderSchedule)
        execution.setVariable(CaseVariables.FORMAL_LETTER_AT, com.collectwise.kernel.CasePlans.iso(clock.nowZoned()));
    }
}
