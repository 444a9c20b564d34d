package com.collectwise.agreements;

import static com.collectwise.agreements.AgreementVariables.*;
import static com.collectwise.kernel.CaseVariables.*;

import com.collectwise.kernel.BusinessClock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Schedule next instalment": the reminder and the check of the current instalment. The check runs the
 * morning after the grace working days that follow the due date, when the bank feed of the due date is in.
 */
@Component("scheduleInstalmentDelegate")
public class ScheduleInstalmentDelegate implements JavaDelegate {

    private final AgreementService service;
    private final BusinessClock clock;

    public ScheduleInstalmentDelegate(AgreementService service, BusinessClock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LocalDate due = service.find(agreementId(execution)).instalment(currentInstalment(execution)).dueDate();
        execution.setVariable(INSTALMENT_REMINDER_AT, checkAt(clock, due.minusDays(service.reminderDays())));
        execution.setVariable(INSTALMENT_DUE_CHECK_AT, checkAt(clock, service.checkDay(agreementId(execution), due)));
    }
}
