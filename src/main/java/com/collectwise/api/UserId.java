package com.collectwise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A Camunda user id: letters and digits only (Camunda's default id pattern). */
@Documented
@Constraint(validatedBy = UserId.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface UserId {

    String message() default "must be a user id (letters and digits only)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<UserId, String> {
        private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9]+");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.length() > 64) {
                return Violations.report(context, "must be at most 64 characters long");
            }
            return USER_ID.matcher(value).matches() || Violations.report(context, "must be a user id (letters and digits only)");
        }
    }
}
