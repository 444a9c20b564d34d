package com.collectwise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** The date {@link #field} of a record is not before its date {@link #other} (a due date and its issue date). */
@Documented
@Constraint(validatedBy = NotBefore.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(NotBefore.List.class)
public @interface NotBefore {

    String field();

    String other();

    String message() default "is too early";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    @Documented
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {
        NotBefore[] value();
    }

    class Check implements ConstraintValidator<NotBefore, Object> {
        private String field;
        private String other;

        @Override
        public void initialize(NotBefore annotation) {
            field = annotation.field();
            other = annotation.other();
        }

        @Override
        public boolean isValid(Object record, ConstraintValidatorContext context) {
            if (record != null && Violations.component(record, field) instanceof LocalDate date
                && Violations.component(record, other) instanceof LocalDate earliest && date.isBefore(earliest)) {
                return Violations.report(context, field, "must not be before " + other);
            }
            return true;
        }
    }
}
