package com.collectwise.agreements;

import static com.collectwise.kernel.CaseVariables.*;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CurrentUser;

/**
 * The thin delegates of Process_InstalmentAgreement: each reads the variables, calls one method of
 * {@link AgreementService} and writes what the model routes on. Checks run at 09:00 the morning after the grace
 * working days that follow the day in question, so that a payment dated that day is posted by then.
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
            execution.setVariable(AGREEMENT_WAIVES_INTEREST, a.waiveInterest());
            execution.setVariable(INSTALMENT_COUNT, a.instalments().size());
            execution.setVariable(CURRENT_INSTALMENT, 1);
            execution.setVariable(PLAN_SETTLED_INVOICE, false);
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

    /**
     * "Schedule next instalment": the reminder and the check of the current instalment. The check runs the
     * morning after the grace working days that follow the due date, when the bank feed of the due date is in.
     */
    @Bean
    public JavaDelegate scheduleInstalmentDelegate() {
        return execution -> {
            LocalDate due = service.find(agreementId(execution)).instalment(seq(execution)).dueDate();
            execution.setVariable(INSTALMENT_REMINDER_AT, at(due.minusDays(service.reminderDays())));
            execution.setVariable(INSTALMENT_DUE_CHECK_AT, at(service.checkDay(agreementId(execution), due)));
        };
    }

    /** "Remind customer of instalment". */
    @Bean
    public JavaDelegate sendInstalmentReminderDelegate() {
        return execution -> service.remind(agreementId(execution), seq(execution));
    }

    /**
     * "Check instalment": PAID or BEHIND (less than a fifth unpaid) go on to the next instalment, DEMAND sends the
     * customer a payment demand.
     */
    @Bean
    public JavaDelegate checkInstalmentDelegate() {
        return execution -> {
            int seq = seq(execution);
            Acceleration.Check check = service.check(agreementId(execution), seq);
            execution.setVariable(INSTALMENT_VERDICT, check.verdict().name());
            if (check.verdict() == Acceleration.Verdict.DEMAND) {
                execution.setVariable(ACCELERATION_REASON, check.reason());
            } else {
                next(execution, seq);
            }
        };
    }

    /** "Send payment demand": the period ends after the configured days; checked when its bank feed is in. */
    @Bean
    public JavaDelegate sendPaymentDemandDelegate() {
        return execution -> {
            LocalDate until = service.demand(agreementId(execution), seq(execution));
            execution.setVariable(DEMAND_CHECK_AT, at(service.checkDay(agreementId(execution), until)));
        };
    }

    /** "Check payments within the demand period": judged by value date; met, the plan goes on. */
    @Bean
    public JavaDelegate checkDemandDelegate() {
        return execution -> {
            int seq = seq(execution);
            boolean met = service.demandMet(agreementId(execution), seq);
            execution.setVariable(DEMAND_MET, met);
            if (met) {
                next(execution, seq);
            } else {
                execution.setVariable(ACCELERATION_REASON, execution.getVariable(ACCELERATION_REASON)
                    + " and were not paid within the period of the payment demand");
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

    /** "Close kept agreement": the interest of the plan waived if so agreed, the invoice settled when it owes nothing. */
    @Bean
    public JavaDelegate closeKeptAgreementDelegate() {
        return execution -> {
            execution.setVariable(PLAN_SETTLED_INVOICE, service.kept(agreementId(execution)));
            execution.setVariable(AGREEMENT_OUTCOME, Agreement.KEPT);
        };
    }

    /** "Resume collection" in the main case, after the plan ended. */
    @Bean
    public JavaDelegate resumeCollectionDelegate(EscalationPause pause) {
        return pause::resume;
    }

    private static int seq(DelegateExecution execution) {
        return ((Number) execution.getVariable(CURRENT_INSTALMENT)).intValue();
    }

    private static void next(DelegateExecution execution, int seq) {
        int count = ((Number) execution.getVariable(INSTALMENT_COUNT)).intValue();
        execution.setVariable(MORE_INSTALMENTS, seq < count);
        execution.setVariable(CURRENT_INSTALMENT, seq + 1);
    }

    private String at(LocalDate day) {
        return day.atTime(CHECK_TIME).atZone(clock.zone()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
