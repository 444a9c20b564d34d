package com.collectwise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Currency;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** ISO 4217 code of a currency that has a minor unit (so no gold, no test codes). */
@Documented
@Constraint(validatedBy = CurrencyCode.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface CurrencyCode {

    String message() default "is not an ISO 4217 currency code";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<CurrencyCode, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.length() > 3) {
                return Violations.report(context, "must be at most 3 characters long");
            }
            if (!value.matches("[A-Z]{3}")) {
                return Violations.report(context, "must be an ISO 4217 currency code in capitals, e.g. EUR or CNY");
            }
            try {
                return Currency.getInstance(value).getDefaultFractionDigits() >= 0
                    || Violations.report(context, "is not a currency for money amounts");
            } catch (IllegalArgumentException e) {
                return Violations.report(context, "is not an ISO 4217 currency code");
            }
        }
    }
}
