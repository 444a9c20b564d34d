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

/**
 * Free text of at most {@link #max} characters (after trimming, see {@link JsonFields}) without control characters
 * other than tab and line breaks, and without half a surrogate pair: PostgreSQL refuses a NUL in text (the request
 * failed with a 500 there) and no letter, PDF or log line should carry a bell or an escape sequence.
 */
@Documented
@Constraint(validatedBy = Text.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Text {

    int max();

    String message() default "is too long";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<Text, String> {
        private int max;

        @Override
        public void initialize(Text annotation) {
            max = annotation.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.length() > max) {
                return Violations.report(context, "must be at most " + max + " characters long");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                    return Violations.report(context, "must not contain control characters (found U+"
                        + String.format("%04X", (int) c) + " at position " + (i + 1) + ")");
                }
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return Violations.report(context, "must be valid Unicode (a lone surrogate at position " + (i + 1)
                        + ")");
                }
            }
            return true;
        }
    }
}
