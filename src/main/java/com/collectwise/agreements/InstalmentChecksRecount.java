package com.collectwise.agreements;

import static com.collectwise.kernel.CaseVariables.*;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.WorkingDayRecount;
import com.collectwise.kernel.WorkingDayDeadlines;

/**
 * An instalment, and the payment demand of a plan, are judged the morning after the bank feed's grace working days
 * of the customer's country ({@link AgreementService#checkDay}); the check is a timer set when the instalment came up.
 * When the calendar of a year is loaded or replaced later, the waiting checks are set again with the calendar as it
 * is: a holiday added inside the grace moves the check on, so a payment made on time but posted after the holiday
 * is not judged missing.
 */
@Component
public class InstalmentChecksRecount implements WorkingDayRecount {

    static final String TIMER_INSTALMENT_DUE = com.collectwise.kernel.CaseVariables.TIMER_INSTALMENT_DUE;
    static final String TIMER_DEMAND_PERIOD_OVER = com.collectwise.kernel.CaseVariables.TIMER_DEMAND_PERIOD_OVER;

    private final WorkingDayDeadlines deadlines;
    private final AgreementService service;
    private final BusinessClock clock;

    public InstalmentChecksRecount(WorkingDayDeadlines deadlines, AgreementService service, BusinessClock clock) {
        this.deadlines = deadlines;
        this.service = service;
        this.clock = clock;
    }

    @Override
    public List<Step> steps() {
        return List.of(
            deadlines.recomputed("instalments-1-due", TIMER_INSTALMENT_DUE, List.of(AGREEMENT_ID, CURRENT_INSTALMENT),
                this::instalmentCheck, INSTALMENT_DUE_CHECK_AT),
            deadlines.recomputed("instalments-2-demand", TIMER_DEMAND_PERIOD_OVER, List.of(AGREEMENT_ID),
                this::demandCheck, DEMAND_CHECK_AT));
    }

    private ZonedDateTime instalmentCheck(Map<String, Object> vars) {
        if (!(vars.get(AGREEMENT_ID) instanceof Number id) || !(vars.get(CURRENT_INSTALMENT) instanceof Number seq)) {
            return null;
        }
        LocalDate due = service.find(id.longValue()).instalment(seq.intValue()).dueDate();
        return at(service.checkDay(id.longValue(), due));
    }

    private ZonedDateTime demandCheck(Map<String, Object> vars) {
        if (!(vars.get(AGREEMENT_ID) instanceof Number id)) {
            return null;
        }
        LocalDate until = service.find(id.longValue()).demandUntil();
        return until == null ? null : at(service.checkDay(id.longValue(), until));
    }

    private ZonedDateTime at(LocalDate day) {
        return day.atTime(AgreementVariables.CHECK_TIME).atZone(clock.zone());
    }
}
