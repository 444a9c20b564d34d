package com.collectwise.communication;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;

import com.collectwise.api.Text;
import com.collectwise.communication.DocumentController.DeliveryStatus;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;

/**
 * The body of {@code POST /api/invoices/{n}/documents/{id}/delivery}. A demand with proof of delivery interrupts the
 * limitation period, so the proof is required for DELIVERED; {@code deliveredOn} (optional, only with DELIVERED) is
 * the day the proof says it reached the customer, from which the period restarts: not after today (the business
 * clock's), and not before the letter's date (the controller's check: it needs the letter).
 */
@DeliveryRequest.ProofWhenDelivered
record DeliveryRequest(
    @NotNull(message = "is required") DeliveryStatus status,
    @Text(max = 500) String proof,
    @PastOrPresent(message = "must not be in the future") LocalDate deliveredOn) {

    @Documented
    @Constraint(validatedBy = ProofWhenDelivered.Check.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface ProofWhenDelivered {

        String message() default "is required";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Check implements ConstraintValidator<ProofWhenDelivered, DeliveryRequest> {
            @Override
            public boolean isValid(DeliveryRequest request, ConstraintValidatorContext context) {
                if (request != null && request.deliveredOn() != null && request.status() != null
                    && request.status() != DeliveryStatus.DELIVERED) {
                    context.disableDefaultConstraintViolation();
                    context.buildConstraintViolationWithTemplate("is only given with status DELIVERED")
                        .addPropertyNode("deliveredOn").addConstraintViolation();
                    return false;
                }
                if (request == null || request.status() != DeliveryStatus.DELIVERED || request.proof() != null) {
                    return true;
                }
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("proof").addConstraintViolation();
                return false;
            }
        }
    }
}
