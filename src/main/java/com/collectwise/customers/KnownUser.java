package com.collectwise.customers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.collectwise.security.UserDirectory;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** The id of a user in the Camunda identity store (a collector who owns customers). */
@Documented
@Constraint(validatedBy = KnownUser.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface KnownUser {

    String message() default "is not a known user";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Created by Spring's constraint validator factory, with the directory injected. */
    class Check implements ConstraintValidator<KnownUser, String> {
        private final UserDirectory users;

        public Check(UserDirectory users) {
            this.users = users;
        }

        @Override
        public boolean isValid(String userId, ConstraintValidatorContext context) {
            // a malformed id is reported by its own rule; only a well-formed one is looked up
            return userId == null || !userId.matches("[A-Za-z0-9]{1,64}") || users.exists(userId);
        }
    }
}
