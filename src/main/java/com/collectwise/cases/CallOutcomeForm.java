package com.collectwise.cases;

import com.collectwise.kernel.FormAmount;
import com.collectwise.kernel.FormDate;
import static com.collectwise.kernel.CaseVariables.*;

import java.time.LocalDate;
import java.time.ZoneOffset;

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

    /** A date field of the form; a Date variable is taken by its day in UTC (as the call form always did). */
    static LocalDate date(Object v) {
        return FormDate.of(v, ZoneOffset.UTC);
    }
}
