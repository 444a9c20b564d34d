package com.collectwise.customers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.collectwise.kernel.Language;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** The code of a language Collectwise writes to customers in ({@link Language}: zh or en). */
@Documented
@Constraint(validatedBy = LanguageCode.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface LanguageCode {

    String message() default "must be zh or en";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<LanguageCode, String> {
        @Override
        public boolean isValid(String code, ConstraintValidatorContext context) {
            if (code != null && code.length() > 5) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must be at most 5 characters long")
                    .addConstraintViolation();
                return false;
            }
            return code == null || Language.ofCode(code).isPresent();
        }
    }
}
