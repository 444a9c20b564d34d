package com.collectwise.agreements;

import static com.collectwise.kernel.CaseVariables.*;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import com.collectwise.kernel.BusinessClock;

/**
 * What the delegates of Process_InstalmentAgreement read and write alike: the agreement, the current instalment
 * and the check times. Checks run at 09:00 the morning after the grace working days that follow the day in
 * question, so that a payment dated that day is posted by then.
 */
final class AgreementVariables {

    static final LocalTime CHECK_TIME = LocalTime.of(9, 0);

    private AgreementVariables() {
    }

    static long agreementId(DelegateExecution execution) {
        return ((Number) execution.getVariable(AGREEMENT_ID)).longValue();
    }

    static int currentInstalment(DelegateExecution execution) {
        return ((Number) execution.getVariable(CURRENT_INSTALMENT)).intValue();
    }

    /** The instalment {@code seq} is done: the plan goes on with the next one, if there is one. */
    static void nextInstalment(DelegateExecution execution, int seq) {
        int count = ((Number) execution.getVariable(INSTALMENT_COUNT)).intValue();
        execution.setVariable(MORE_INSTALMENTS, seq < count);
        execution.setVariable(CURRENT_INSTALMENT, seq + 1);
    }

    /** The timer date of a check on {@code day}. */
    static String checkAt(BusinessClock clock, LocalDate day) {
        return day.atTime(CHECK_TIME).atZone(clock.zone()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
