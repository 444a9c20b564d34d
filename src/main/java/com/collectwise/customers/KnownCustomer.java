package com.collectwise.customers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** The id of a registered customer (checked with the other fields of a request, so that all are listed at once). */
@Documented
@Constraint(validatedBy = KnownCustomer.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface KnownCustomer {

    String message() default "is not a known customer";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Created by Spring's constraint validator factory, with the repository injected. */
    class Check implements ConstraintValidator<KnownCustomer, String> {
        private final CustomerRepository customers;

        public Check(CustomerRepository customers) {
            this.customers = customers;
        }

        @Override
        public boolean isValid(String customerId, ConstraintValidatorContext context) {
            // a malformed id is reported by its own rule; only a well-formed one is looked up
            return customerId == null || !customerId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
                || customers.exists(customerId);
        }
    }
}
