package com.collectwise.customers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import com.collectwise.security.UserDirectory;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A user who works the customer's calls (DOMAIN.md 1: the owner collector is the default assignee of the calls): a
 * member of a group whose members get their own "My calls today" in Tasklist, or an administrator (camunda-admin may
 * read and work every task in Tasklist; the first administrator is the only user of a fresh installation, and the
 * restart and two-node tests own their customers with it). A finance or legal user, a field collector or an
 * integration client in none of them would be assigned calls it never sees. An unknown user is {@link KnownUser}'s
 * to report, a malformed id {@code UserId}'s.
 */
@Documented
@Constraint(validatedBy = CaseWorker.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface CaseWorker {

    /**
     * The groups whose members get "My calls today" (identity.TasklistFilters.CALLERS; CaseWorkerGroupsTest checks).
     */
    List<String> CALLERS = List.of("collectors", "supervisors");

    /** The owners accepted: the callers and the administrators. */
    List<String> GROUPS = List.of("collectors", "supervisors", "camunda-admin");

    String message() default "is not a member of a group that works the calls (collectors, supervisors or camunda-admin)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Created by Spring's constraint validator factory, with the directory injected. */
    class Check implements ConstraintValidator<CaseWorker, String> {
        private final UserDirectory users;

        public Check(UserDirectory users) {
            this.users = users;
        }

        @Override
        public boolean isValid(String userId, ConstraintValidatorContext context) {
            if (userId == null || !userId.matches("[A-Za-z0-9]{1,64}") || !users.exists(userId)) {
                return true;
            }
            List<String> memberOf = users.groupsOf(userId);
            if (memberOf.stream().anyMatch(GROUPS::contains)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(CallWorkers.notACaller(memberOf)).addConstraintViolation();
            return false;
        }
    }
}
