package com.collectwise.cases;

import com.collectwise.kernel.FormAmount;
import static com.collectwise.kernel.CaseVariables.*;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Reads the fields of Form_CallCustomer into a {@link CallOutcome}. */
final class CallOutcomeForm {

    private CallOutcomeForm() {
    }

    static CallOutcome read(VariableScope scope) {
        return new CallOutcome(text(scope, CALL_OUTCOME), text(scope, REACHED_PERSON), text(scope, DEBTOR_TACTIC),
            FormAmount.of(scope.getVariable(PROMISED_AMOUNT)), date(scope.getVariable(PROMISED_DATE)),
            text(scope, CALL_NOTE), count(scope.getVariable(INSTALMENT_COUNT)),
            date(scope.getVariable(FIRST_INSTALMENT_DATE)), text(scope, DISPUTE_CATEGORY),
            FormAmount.of(scope.getVariable(DISPUTED_AMOUNT)), text(scope, DISPUTE_DESCRIPTION),
            text(scope, CustomerCalls.OVERDUE_CAUSE));
    }

    private static String text(VariableScope scope, String name) {
        Object v = scope.getVariable(name);
        return v == null ? null : v.toString();
    }

    private static Integer count(Object v) {
        if (v == null || v.toString().isBlank()) {
            return null;
        }
        try {
            java.math.BigDecimal n = new java.math.BigDecimal(v.toString().trim());
            return n.stripTrailingZeros().scale() > 0 ? null : n.intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    static LocalDate date(Object v) {
        if (v == null || v.toString().isBlank()) {
            return null;
        }
        if (v instanceof java.util.Date d) {
            return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        }
        try {
            // forms send yyyy-MM-dd; a date-time string still names its day first
            String s = v.toString();
            return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
