package com.collectwise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The {@link #amounts} of a record have at most as many decimals as the minor unit of its {@link #currency} (ISO 4217:
 * JPY 0, CNY/EUR/USD 2, KWD/BHD 3). When the currency is absent or itself wrong only the currency-free {@link Amount}
 * rules apply, and the request fails on the currency anyway; an amount that breaks those is not judged twice.
 */
@Documented
@Constraint(validatedBy = MinorUnits.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface MinorUnits {

    String currency() default "currency";

    String[] amounts() default "amount";

    String message() default "has too many decimals for its currency";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<MinorUnits, Object> {
        private MinorUnits rule;

        @Override
        public void initialize(MinorUnits annotation) {
            rule = annotation;
        }

        @Override
        public boolean isValid(Object record, ConstraintValidatorContext context) {
            if (record == null || !(Violations.component(record, rule.currency()) instanceof String currency)) {
                return true;
            }
            boolean valid = true;
            for (String field : rule.amounts()) {
                if (Violations.component(record, field) instanceof BigDecimal amount
                    && Amounts.problem(amount, true) == null) {
                    String problem = Amounts.minorUnitProblem(amount, currency);
                    if (problem != null) {
                        valid = Violations.report(context, field, problem);
                    }
                }
            }
            return valid;
        }
    }
}
