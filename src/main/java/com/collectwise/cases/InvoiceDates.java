package com.collectwise.cases;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;

import com.collectwise.kernel.BusinessClock;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The dates of an invoice from the ERP, checked with its other fields in every entry path ({@code POST /api/invoices},
 * each line of the CSV import, small or large), so that all problems are listed at once:
 * <ul>
 * <li>{@code issueDate} no later than today (the business clock's, {@code collectwise.zone}) +
 * {@code collectwise.invoices.issue-days-ahead} (default 7): an ERP in a time zone ahead of the company's, or one that
 * dates an invoice on the delivery day or the first day of next week, is taken; an invoice dated years ahead (a typo
 * for 2026 written 2046) would start a case whose reminders, interest and limitation all run from a date that never
 * happened;</li>
 * <li>{@code dueDate} at most {@link #MAX_TERM_DAYS} days after {@code issueDate}: the credit term the due date
 * implies is bounded like the {@code creditTermDays} a client may give (0..3650); before, a due date of 9999-12-31
 * was taken (that it is not before the issue date is {@code api.NotBefore}'s).</li>
 * </ul>
 */
@Documented
@Constraint(validatedBy = InvoiceDates.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface InvoiceDates {

    /** The longest credit term, given ({@code creditTermDays}) or implied by the due date: ten years. */
    int MAX_TERM_DAYS = 3650;

    String message() default "is out of range";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Created by Spring's constraint validator factory, with the clock and the settings injected. */
    class Check implements ConstraintValidator<InvoiceDates, InvoiceRequest> {

        private final BusinessClock clock;
        private final int issueDaysAhead;

        public Check(BusinessClock clock, CaseSettings settings) {
            this.clock = clock;
            this.issueDaysAhead = settings.invoices().issueDaysAhead();
        }

        @Override
        public boolean isValid(InvoiceRequest invoice, ConstraintValidatorContext context) {
            if (invoice == null) {
                return true;
            }
            boolean valid = true;
            if (invoice.issueDate() != null) {
                LocalDate latest = clock.today().plusDays(issueDaysAhead);
                if (invoice.issueDate().isAfter(latest)) {
                    valid = report(context, "issueDate", "must not be after " + latest + " (today + "
                        + issueDaysAhead + " days)");
                }
            }
            if (invoice.issueDate() != null && invoice.dueDate() != null
                && invoice.dueDate().isAfter(invoice.issueDate().plusDays(MAX_TERM_DAYS))) {
                valid = report(context, "dueDate", "must not be more than " + MAX_TERM_DAYS
                    + " days after issueDate (latest " + invoice.issueDate().plusDays(MAX_TERM_DAYS) + ")");
            }
            return valid;
        }

        /** The message is plain text (dates and digits): nothing in it is read as a message expression. */
        private static boolean report(ConstraintValidatorContext context, String field, String message) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
            return false;
        }
    }
}
