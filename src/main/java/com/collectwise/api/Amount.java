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
 * A money amount greater than zero (or zero too, {@link #zeroAllowed}) that fits the money columns. Its decimals
 * against its currency's minor unit are checked by {@link MinorUnits} on the record.
 */
@Documented
@Constraint(validatedBy = Amount.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Amount {

    boolean zeroAllowed() default false;

    String message() default "is not an amount";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<Amount, BigDecimal> {
        private boolean zeroAllowed;

        @Override
        public void initialize(Amount annotation) {
            zeroAllowed = annotation.zeroAllowed();
        }

        @Override
        public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
            String problem = value == null ? null : Amounts.problem(value, zeroAllowed);
            return problem == null || Violations.report(context, problem);
        }
    }
}
