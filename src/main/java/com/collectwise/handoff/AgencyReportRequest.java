package com.collectwise.handoff;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.time.LocalDate;

import com.collectwise.api.Amount;
import com.collectwise.api.Key;
import com.collectwise.api.Text;
import com.collectwise.kernel.InInvoiceCurrency;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;

/** The body of {@code POST /api/agency/reports}: the agency's word on a case it was handed. */
@InInvoiceCurrency(amounts = "amountCollected")
@AgencyReportRequest.AmountWhenPartlyCollected
record AgencyReportRequest(
    @NotNull(message = "is required") @Key String invoiceNumber,
    @NotNull(message = "is required") @Text(max = 100) String agencyReference,
    @NotNull(message = "is required") @Text(max = 100) String reportId,
    @NotNull(message = "is required") AgencyReportStatus status,
    @Amount(zeroAllowed = true) BigDecimal amountCollected,
    @NotNull(message = "is required") @PastOrPresent(message = "must not be in the future") LocalDate reportedOn) {

    AgencyReport toReport() {
        return new AgencyReport(invoiceNumber, agencyReference, reportId, status,
            amountCollected == null ? BigDecimal.ZERO : amountCollected, reportedOn);
    }

    /** A PARTLY_COLLECTED report names the amount collected. */
    @Documented
    @Constraint(validatedBy = AmountWhenPartlyCollected.Check.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface AmountWhenPartlyCollected {

        String message() default "must be greater than zero when the status is PARTLY_COLLECTED";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Check implements ConstraintValidator<AmountWhenPartlyCollected, AgencyReportRequest> {
            @Override
            public boolean isValid(AgencyReportRequest report, ConstraintValidatorContext context) {
                if (report == null || report.status() != AgencyReportStatus.PARTLY_COLLECTED
                    || report.amountCollected() != null && report.amountCollected().signum() != 0) {
                    return true;
                }
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("amountCollected").addConstraintViolation();
                return false;
            }
        }
    }
}
