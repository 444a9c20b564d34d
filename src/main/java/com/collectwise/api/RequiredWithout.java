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

/** The {@link #field} of a record is required when its {@link #without} is absent: one of the two must be given. */
@Documented
@Constraint(validatedBy = RequiredWithout.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiredWithout {

    String field();

    String without();

    String message() default "is required";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<RequiredWithout, Object> {
        private String field;
        private String without;

        @Override
        public void initialize(RequiredWithout annotation) {
            field = annotation.field();
            without = annotation.without();
        }

        @Override
        public boolean isValid(Object record, ConstraintValidatorContext context) {
            if (record == null || Violations.component(record, field) != null
                || Violations.component(record, without) != null) {
                return true;
            }
            return Violations.report(context, field, "is required when " + without + " is not given");
        }
    }
}
