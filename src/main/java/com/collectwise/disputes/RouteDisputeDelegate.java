package com.collectwise.disputes;

import static com.collectwise.kernel.CaseVariables.*;

import com.collectwise.kernel.BusinessCalendar;
import com.collectwise.kernel.BusinessClock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Prepare dispute" (Task_RouteDispute): what the owning department needs to see, and the end of the service
 * level (10 working days by default, counted from the day after it was raised, at the end of that working day). The department
 * itself is chosen by category in Decision_DisputeRouting, the step after this one.
 */
@Component("routeDisputeDelegate")
public class RouteDisputeDelegate implements JavaDelegate {

    private final DisputeService service;
    private final BusinessCalendar calendar;
    private final BusinessClock clock;
    private final int slaWorkingDays;

    public RouteDisputeDelegate(DisputeService service, BusinessCalendar calendar, BusinessClock clock,
                                DisputeSettings settings) {
        this.service = service;
        this.calendar = calendar;
        this.clock = clock;
        this.slaWorkingDays = settings.slaWorkingDays();
    }

    @Override
    public void execute(DelegateExecution execution) {
        Dispute d = service.find(DisputeVariables.disputeId(execution));
        execution.setVariable(DISPUTE_CATEGORY, d.category().name());
        execution.setVariable(DISPUTED_AMOUNT, d.amount().doubleValue());
        execution.setVariable(DISPUTE_DESCRIPTION, d.description());
        // counted from the day the dispute was raised: the same day for a dispute just raised, the original day for one
        // that goes on after its case ended (CloseSettledCaseDelegate)
        LocalDate day = d.raisedAt() == null ? clock.today() : d.raisedAt().atZone(clock.zone()).toLocalDate();
        for (int i = 0; i < slaWorkingDays; i++) {
            day = calendar.nextWorkingDayAfter(day);
        }
        execution.setVariable(DISPUTE_SLA, day.atTime(LocalTime.of(18, 0)).atZone(clock.zone())
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }
}
