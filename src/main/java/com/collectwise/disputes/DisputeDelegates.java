package com.collectwise.disputes;

import static com.collectwise.kernel.CaseVariables.*;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.collectwise.kernel.BusinessCalendar;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CurrentUser;

/** The thin delegates of Process_Dispute. */
@Configuration
public class DisputeDelegates {

    private final DisputeService service;
    private final BusinessCalendar calendar;
    private final BusinessClock clock;
    private final int slaWorkingDays;

    public DisputeDelegates(DisputeService service, BusinessCalendar calendar, BusinessClock clock,
                            DisputeSettings settings) {
        this.service = service;
        this.calendar = calendar;
        this.clock = clock;
        this.slaWorkingDays = settings.slaWorkingDays();
    }

    static long disputeId(DelegateExecution execution) {
        return ((Number) execution.getVariable(DISPUTE_ID)).longValue();
    }

    /**
     * "Prepare dispute" (Task_RouteDispute): what the owning department needs to see, and the end of the service
     * level (10 working days by default, counted from tomorrow, at the end of that working day). The department
     * itself is chosen by category in Decision_DisputeRouting, the step after this one.
     */
    @Bean
    public JavaDelegate routeDisputeDelegate() {
        return execution -> {
            Dispute d = service.find(disputeId(execution));
            execution.setVariable(DISPUTE_CATEGORY, d.category().name());
            execution.setVariable(DISPUTED_AMOUNT, d.amount().doubleValue());
            execution.setVariable(DISPUTE_DESCRIPTION, d.description());
            LocalDate day = clock.today();
            for (int i = 0; i < slaWorkingDays; i++) {
                day = calendar.nextWorkingDayAfter(day);
            }
            execution.setVariable(DISPUTE_SLA, day.atTime(LocalTime.of(18, 0)).atZone(clock.zone())
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        };
    }

    /** "Issue credit note". */
    @Bean
    public JavaDelegate issueCreditNoteDelegate() {
        return execution -> {
            service.creditNote(disputeId(execution), reason(execution), decidedBy(execution));
            execution.setVariable(DISPUTE_OUTCOME, Dispute.CREDIT_NOTE);
        };
    }

    /** "Reject dispute". */
    @Bean
    public JavaDelegate rejectDisputeDelegate() {
        return execution -> {
            service.reject(disputeId(execution), reason(execution), decidedBy(execution));
            execution.setVariable(DISPUTE_OUTCOME, Dispute.REJECTED);
        };
    }

    private static String reason(DelegateExecution execution) {
        Object reason = execution.getVariable(DECISION_REASON);
        return reason == null || reason.toString().isBlank() ? "no reason given" : reason.toString();
    }

    /** The user who completed the decision task; jobs and tests have none, then the deciding group is named. */
    private static String decidedBy(DelegateExecution execution) {
        return CurrentUser.idOr(execution, "group:" + execution.getVariable(DISPUTE_GROUP));
    }
}
