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

/** A key used in URLs (invoice number, customer id): at most 64 letters, digits, '.', '_' and '-'. */
@Documented
@Constraint(validatedBy = Key.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Key {

    String message() default "may contain only letters, digits, '.', '_' and '-' and must start with a letter or digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Keys of cases and customers appear in URLs, so no slashes, spaces or other reserved characters. */
    class Check implements ConstraintValidator<Key, String> {
        private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.length() > 64) {
                return Violations.report(context, "must be at most 64 characters long");
            }
            return KEY.matcher(value).matches() || Violations.report(context,
                "may contain only letters, digits, '.', '_' and '-' and must start with a letter or digit");
        }
    }
}
