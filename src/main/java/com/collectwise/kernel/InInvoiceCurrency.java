package com.collectwise.kernel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;

import com.collectwise.api.Amounts;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The {@link #amounts} of a request record about an invoice have at most the decimals of the invoice's currency
 * (looked up by the record's {@link #invoice} field). An unknown invoice is not judged here: it is answered later.
 */
@Documented
@Constraint(validatedBy = InInvoiceCurrency.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface InInvoiceCurrency {

    String invoice() default "invoiceNumber";

    String[] amounts() default "amount";

    String message() default "has too many decimals for the invoice's currency";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Created by Spring's constraint validator factory, with the repository injected. */
    class Check implements ConstraintValidator<InInvoiceCurrency, Object> {
        private final InvoiceRepository invoices;
        private InInvoiceCurrency rule;

        public Check(InvoiceRepository invoices) {
            this.invoices = invoices;
        }

        @Override
        public void initialize(InInvoiceCurrency annotation) {
            rule = annotation;
        }

        @Override
        public boolean isValid(Object record, ConstraintValidatorContext context) {
            if (record == null || !(component(record, rule.invoice()) instanceof String invoiceNumber)) {
                return true;
            }
            String currency = null;
            boolean valid = true;
            for (String field : rule.amounts()) {
                if (component(record, field) instanceof BigDecimal amount && Amounts.problem(amount, true) == null) {
                    if (currency == null) {
                        currency = invoices.find(invoiceNumber).map(Invoice::currency).orElse("");
                    }
                    String problem = currency.isEmpty() ? null : Amounts.minorUnitProblem(amount, currency);
                    if (problem != null) {
                        context.disableDefaultConstraintViolation();
                        context.buildConstraintViolationWithTemplate(problem).addPropertyNode(field)
                            .addConstraintViolation();
                        valid = false;
                    }
                }
            }
            return valid;
        }

        private static Object component(Object record, String name) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (component.getName().equals(name)) {
                    try {
                        java.lang.reflect.Method accessor = component.getAccessor();
                        accessor.setAccessible(true);
                        return accessor.invoke(record);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            throw new IllegalArgumentException(record.getClass().getSimpleName() + " has no field " + name);
        }
    }
}
