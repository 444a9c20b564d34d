package com.collectwise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A whole number within [{@link #min}, {@link #max}] (decimals are refused while reading, see {@link JsonFields}). */
@Documented
@Constraint(validatedBy = Between.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Between {

    int min();

    int max();

    String message() default "is out of range";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<Between, Integer> {
        private int min;
        private int max;

        @Override
        public void initialize(Between annotation) {
            min = annotation.min();
            max = annotation.max();
        }

        @Override
        public boolean isValid(Integer value, ConstraintValidatorContext context) {
            return value == null || value >= min && value <= max
                || Violations.report(context, "must be between " + min + " and " + max);
        }
    }
}
