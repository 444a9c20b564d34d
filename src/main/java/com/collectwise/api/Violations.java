package com.collectwise.api;

import java.lang.reflect.RecordComponent;

import jakarta.validation.ConstraintValidatorContext;

/** Helpers of the constraint validators of request records. */
final class Violations {

    private Violations() {
    }

    /** Reports {@code message} (taken literally, never interpolated) on the validated value; returns false. */
    static boolean report(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(literal(message)).addConstraintViolation();
        return false;
    }

    /** Reports {@code message} on the field {@code field} of the validated record; returns false. */
    static boolean report(ConstraintValidatorContext context, String field, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(literal(message)).addPropertyNode(field).addConstraintViolation();
        return false;
    }

    /** The value of a record's component. */
    static Object component(Object record, String name) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                try {
                    java.lang.reflect.Method accessor = component.getAccessor();
                    accessor.setAccessible(true); // request records are package-private, next to their controller
                    return accessor.invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException(record.getClass().getSimpleName() + " has no field " + name);
    }

    private static String literal(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
