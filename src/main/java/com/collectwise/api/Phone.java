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

/** A phone number: digits, spaces, '+', '(', ')', '-', '/', '.'. */
@Documented
@Constraint(validatedBy = Phone.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Phone {

    String message() default "must be a phone number";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<Phone, String> {
        private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{3,40}");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.length() > 40) {
                return Violations.report(context, "must be at most 40 characters long");
            }
            return PHONE.matcher(value).matches() || Violations.report(context, "must be a phone number (digits, spaces, '+', '(', ')', '-', '/', '.')");
        }
    }
}
