package com.collectwise.api;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.core.JsonParseException;

/**
 * Turns every failure of an API call into an RFC 7807 problem. Callers are machines (ERP feeds, the
 * agency webhook): they get the list of bad fields in {@code errors}, never a stack trace.
 */
@RestControllerAdvice(basePackages = "com.collectwise")
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        problem.setProperty("errors", e.errors());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    /** A concurrent request won the race for a unique key between our check and our insert. */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Object> duplicate(DuplicateKeyException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", "The record exists already");
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    /**
     * The database cannot be reached (down, failing over, pool exhausted). The transaction of the request
     * was rolled back, so the caller may simply send the same request again later.
     */
    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
        TransientDataAccessResourceException.class, CannotCreateTransactionException.class})
    ResponseEntity<Object> databaseUnavailable(Exception e) {
        log.warn("API request failed: the database is unavailable ({})", e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
            .body(problemDetail(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                "The database is not reachable; nothing was changed. Please retry later."));
    }

    /**
     * Two requests raced on the same record and this one lost even after its retries (or had none): its
     * transaction was rolled back, so sending it again is safe.
     */
    @ExceptionHandler({BusyException.class, org.springframework.dao.ConcurrencyFailureException.class,
        org.camunda.bpm.engine.OptimisticLockingException.class})
    ResponseEntity<Object> busy(Exception e) {
        log.info("API request lost a race on the same record ({}): answered 503", e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
            .body(problemDetail(HttpStatus.SERVICE_UNAVAILABLE, "Busy",
                "Another request is changing the same record; nothing was changed. Please retry."));
    }

    /** A chunked body that grew past the limit while it was read. */
    @ExceptionHandler(RequestSizeLimit.PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(RequestSizeLimit.PayloadTooLargeException e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", e.getMessage() + "; split the file");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        Throwable tooLarge = e;
        while (tooLarge != null && !(tooLarge instanceof RequestSizeLimit.PayloadTooLargeException)) {
            tooLarge = tooLarge.getCause();
        }
        if (tooLarge != null) {
            return tooLarge((RequestSizeLimit.PayloadTooLargeException) tooLarge);
        }
        if (lostDatabase(e)) {
            // the engine wraps JDBC failures in its own exceptions
            return databaseUnavailable(e);
        }
        log.error("API request failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
            "The request could not be completed; nothing was changed. Please retry later.");
    }

    /**
     * A request record ({@code @Valid @RequestBody}) with bad fields: the values that could not be read and the rules
     * they break, one problem per field, answered like every other {@link InvalidRequestException}.
     */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return invalid(InvalidRequestException.of(ex.getBindingResult()));
    }

    /** Malformed JSON or a body of the wrong shape: say so instead of echoing parser internals. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (ex.getCause() instanceof RequestSizeLimit.PayloadTooLargeException tooLarge) {
            return tooLarge(tooLarge);
        }
        String message = "must be a JSON object";
        if (ex.getCause() instanceof JsonParseException json) {
            message = "is not valid JSON" + (json.getLocation() == null ? ""
                : " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")");
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
            "The request body is missing or is not a JSON object");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(new FieldProblem("body", message)));
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * A query or path parameter that is not of its type ({@code ?from=abc}, {@code ?from=1e3}): a 400 naming it, like a
     * bad body field (the default problem named no field).
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex,
                                                        HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m
            ? m.getName() : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        String message = type != null && Number.class.isAssignableFrom(type) ? "must be a whole number"
            : "is not valid";
        return invalid(InvalidRequestException.of(name == null ? "parameter" : name, message));
    }

    /** A connection failure somewhere in the causes: SQL state class 08, or a pool that gave no connection. */
    static boolean lostDatabase(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException || cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String title, String detail) {
        return ResponseEntity.status(status).body(problemDetail(status, title, detail));
    }

    private static ProblemDetail problemDetail(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
