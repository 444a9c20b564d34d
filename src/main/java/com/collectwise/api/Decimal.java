package com.collectwise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A decimal number within [{@link #min}, {@link #max}] with at most {@link #scale} decimals (a rate, a percentage). */
@Documented
@Constraint(validatedBy = Decimal.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Decimal {

    String min();

    String max();

    int scale();

    String message() default "is out of range";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<Decimal, BigDecimal> {
        private BigDecimal min;
        private BigDecimal max;
        private int scale;

        @Override
        public void initialize(Decimal annotation) {
            min = new BigDecimal(annotation.min());
            max = new BigDecimal(annotation.max());
            scale = annotation.scale();
        }

        @Override
        public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                return Violations.report(context, "must be between " + min.toPlainString() + " and "
                    + max.toPlainString());
            }
            return value.stripTrailingZeros().scale() <= scale
                || Violations.report(context, "must have at most " + scale + " decimals");
        }
    }
}
