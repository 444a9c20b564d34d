package com.collectwise.cases;

import static com.collectwise.cases.CaseVariables.*;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Prepares each "Call customer" task: fresh figures, the contact history, the objection playbook, a
 * clean outcome form, and the follow-up date at the next call slot so "My calls today" lists it.
 */
@Component("prepareCallListener")
public class PrepareCallListener implements TaskListener {

    /** The outcome of the previous call must not be pre-filled into the next one. */
    static final List<String> CALL_FIELDS = List.of(CALL_OUTCOME, REACHED_PERSON, DEBTOR_TACTIC, PROMISED_AMOUNT,
        PROMISED_DATE, CALL_NOTE);

    private final StageTracker stageTracker;
    private final ContactHistory history;
    private final ObjectionPlaybook playbook;
    private final CallSchedule schedule;
    private final BusinessClock clock;

    public PrepareCallListener(StageTracker stageTracker, ContactHistory history, ObjectionPlaybook playbook,
                               CallSchedule schedule, BusinessClock clock) {
        this.stageTracker = stageTracker;
        this.history = history;
        this.playbook = playbook;
        this.schedule = schedule;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        CALL_FIELDS.forEach(task.getExecution()::removeVariable);
        stageTracker.refreshFigures(task.getExecution());
        String invoiceNumber = (String) task.getVariable(INVOICE_NUMBER);
        task.setVariable(CONTACT_HISTORY, history.lastContacts(invoiceNumber, clock.zone()));
        task.setVariable(OBJECTION_PLAYBOOK, playbook.asMarkdown());
        if (task.getVariable(BROKEN_PROMISE) == null) {
            task.setVariable(BROKEN_PROMISE, false);
        }
        task.setFollowUpDate(Date.from(schedule.nextSlot(clock.nowZoned()).toInstant()));
    }
}
