package com.collectwise.agreements;

import static com.collectwise.cases.CaseVariables.*;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.collectwise.cases.BusinessClock;
import com.collectwise.cases.CurrentUser;

/**
 * The thin delegates of Process_InstalmentAgreement: each reads the variables, calls one method of
 * {@link AgreementService} and writes what the model routes on. Checks run at 09:00 the morning after the day
 * in question, so that a payment on the due date (or the last day of grace) still counts.
 */
@Configuration
public class AgreementDelegates {

    static final LocalTime CHECK_TIME = LocalTime.of(9, 0);

    private final AgreementService service;
    private final BusinessClock clock;

    public AgreementDelegates(AgreementService service, BusinessClock clock) {
        this.service = service;
        this.clock = clock;
    }

    static long agreementId(DelegateExecution execution) {
        return ((Number) execution.getVariable(AGREEMENT_ID)).longValue();
    }

    /** "Prepare agreement": does a supervisor have to approve it? */
    @Bean
    public JavaDelegate prepareAgreementDelegate() {
        return execution -> {
            Agreement a = service.find(agreementId(execution));
            execution.setVariable(AGREEMENT_NEEDS_APPROVAL, service.needsApproval(a));
            execution.setVariable(AGREEMENT_TOTAL, a.total().doubleValue());
            execution.setVariable(INSTALMENT_COUNT, a.instalments().size());
            execution.setVariable(CURRENT_INSTALMENT, 1);
        };
    }

    /** "Record approval decision". */
    @Bean
    public JavaDelegate recordAgreementDecisionDelegate() {
        return execution -> {
            boolean approved = "APPROVE".equals(execution.getVariable(AGREEMENT_DECISION));
            String by = CurrentUser.idOr(execution, null);
            service.decide(agreementId(execution), approved, by);
            if (!approved) {
                execution.setVariable(AGREEMENT_OUTCOME, Agreement.REJECTED);
            }
        };
    }

    /** "Send schedule to customer": the plan becomes active. */
    @Bean
    public JavaDelegate sendInstalmentScheduleDelegate() {
        return execution -> service.activate(agreementId(execution));
    }

    /** "Schedule next instalment": the reminder, due-date and grace-end timers of the current instalment. */
    @Bean
    public JavaDelegate scheduleInstalmentDelegate() {
        return execution -> {
            int seq = ((Number) execution.getVariable(CURRENT_INSTALMENT)).intValue();
            LocalDate due = service.find(agreementId(execution)).instalment(seq).dueDate();
            execution.setVariable(INSTALMENT_REMINDER_AT, at(due.minusDays(service.reminderDays())));
            execution.setVariable(INSTALMENT_DUE_CHECK_AT, at(due.plusDays(1)));
            execution.setVariable(INSTALMENT_GRACE_CHECK_AT, at(due.plusDays(service.graceDays() + 1L)));
        };
    }

    /** "Remind customer of instalment". */
    @Bean
    public JavaDelegate sendInstalmentReminderDelegate() {
        return execution -> service.remind(agreementId(execution),
            ((Number) execution.getVariable(CURRENT_INSTALMENT)).intValue());
    }

    /** "Check instalment": PAID moves on to the next one, LATE waits for the grace, ACCELERATED ends the plan. */
    @Bean
    public JavaDelegate checkInstalmentDelegate() {
        return execution -> {
            int seq = ((Number) execution.getVariable(CURRENT_INSTALMENT)).intValue();
            Acceleration.Check check = service.check(agreementId(execution), seq);
            execution.setVariable(INSTALMENT_VERDICT, check.verdict().name());
            if (check.verdict() == Acceleration.Verdict.PAID) {
                int count = ((Number) execution.getVariable(INSTALMENT_COUNT)).intValue();
                execution.setVariable(MORE_INSTALMENTS, seq < count);
                execution.setVariable(CURRENT_INSTALMENT, seq + 1);
            } else if (check.verdict() == Acceleration.Verdict.ACCELERATED) {
                execution.setVariable(ACCELERATION_REASON, check.reason());
            }
        };
    }

    /** "Accelerate remainder". */
    @Bean
    public JavaDelegate accelerateAgreementDelegate() {
        return execution -> {
            service.accelerate(agreementId(execution), (String) execution.getVariable(ACCELERATION_REASON));
            execution.setVariable(AGREEMENT_OUTCOME, Agreement.ACCELERATED);
        };
    }

    /** "Close kept agreement". */
    @Bean
    public JavaDelegate closeKeptAgreementDelegate() {
        return execution -> {
            service.kept(agreementId(execution));
            execution.setVariable(AGREEMENT_OUTCOME, Agreement.KEPT);
        };
    }

    /** "Resume collection" in the main case, after the plan ended. */
    @Bean
    public JavaDelegate resumeCollectionDelegate(EscalationPause pause) {
        return pause::resume;
    }

    private String at(LocalDate day) {
        return day.atTime(CHECK_TIME).atZone(clock.zone()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
