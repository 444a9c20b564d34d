package com.collectwise.fees;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request field is wrong: 400 as RFC 7807 problem details with an {@code errors} list of {field, message}.
 * Being an {@link ErrorResponseException}, any {@code ResponseEntityExceptionHandler} (the shared API error
 * handler, or Spring's problem-details default) renders its body as application/problem+json.
 */
public class BadFieldException extends ErrorResponseException {

    private final Map<String, String> errors;

    public BadFieldException(String field, String message) {
        this(Map.of(field, message));
    }

    public BadFieldException(Map<String, String> errors) {
        super(HttpStatus.BAD_REQUEST, problem(errors), null);
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }

    private static ProblemDetail problem(Map<String, String> errors) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
            "Invalid " + String.join(", ", new java.util.TreeSet<>(errors.keySet())));
        pd.setTitle("Bad Request");
        pd.setProperty("errors", errors.entrySet().stream().sorted(Map.Entry.comparingByKey())
            .map(e -> Map.of("field", e.getKey(), "message", e.getValue())).toList());
        return pd;
    }

    @Override
    public String getMessage() {
        return "Invalid request: " + errors;
    }

    /** Convenience for callers collecting all errors before throwing. */
    public static void throwIfAny(Map<String, String> errors) {
        if (!errors.isEmpty()) {
            throw new BadFieldException(errors);
        }
    }
}
