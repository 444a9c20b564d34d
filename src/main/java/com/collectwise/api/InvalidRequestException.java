package com.collectwise.api;

import java.util.List;

import org.springframework.validation.Errors;

/** The request was understood but some of its fields are wrong; answered 400 with every problem listed. */
public class InvalidRequestException extends RuntimeException {

    private final List<?> errors;

    public InvalidRequestException(List<?> errors) {
        super("The request has " + errors.size() + " invalid field(s)");
        this.errors = List.copyOf(errors);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new FieldProblem(field, message)));
    }

    /** The problems of a request record checked with {@code @Valid}, listed as {@link FieldProblems#of(Errors)} does. */
    public static InvalidRequestException of(Errors errors) {
        return new InvalidRequestException(FieldProblems.of(errors));
    }

    /**
     * The problems of a request record checked with {@code @Valid} and those found by rules outside the record for
     * the fields it could read, listed together as {@link FieldProblems#of(Errors, List)} does.
     */
    public static InvalidRequestException of(Errors errors, List<FieldProblem> more) {
        return new InvalidRequestException(FieldProblems.of(errors, more));
    }

    /** {@link FieldProblem}s or {@link LineProblem}s. */
    public List<?> errors() {
        return errors;
    }
}
