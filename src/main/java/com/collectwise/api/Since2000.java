package com.collectwise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A date of a receivable (issue date, payment date) not before {@link AsOf#REPORTS_FROM}: interest runs from the due
 * date, and a receivable from year 1 would be a typo, and a costly one to compute.
 */
@Documented
@Constraint(validatedBy = Since2000.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Since2000 {

    String message() default "is too early";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<Since2000, LocalDate> {
        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return value == null || !value.isBefore(AsOf.REPORTS_FROM)
                || Violations.report(context, "must not be before " + AsOf.REPORTS_FROM);
        }
    }
}
