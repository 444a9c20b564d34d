package com.collectwise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The {@link #fields} of a PATCH record may be left out but not cleared: each is an {@link Optional} that is null when
 * the field is not in the body (see {@link JsonFields}) and empty when it was sent as null or blank, and empty is
 * refused with {@link #message}.
 */
@Documented
@Constraint(validatedBy = NotCleared.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(NotCleared.List.class)
public @interface NotCleared {

    String[] fields();

    String message() default "is required";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    @Documented
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {
        NotCleared[] value();
    }

    class Check implements ConstraintValidator<NotCleared, Object> {
        private NotCleared rule;

        @Override
        public void initialize(NotCleared annotation) {
            rule = annotation;
        }

        @Override
        public boolean isValid(Object record, ConstraintValidatorContext context) {
            boolean valid = true;
            for (String field : rule.fields()) {
                if (record != null && Violations.component(record, field) instanceof Optional<?> value
                    && value.isEmpty()) {
                    valid = Violations.report(context, field, rule.message());
                }
            }
            return valid;
        }
    }
}
