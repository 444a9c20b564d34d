package com.collectwise.api;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The failures of an {@code /api} request that reaches no controller: a method the path does not take (405 with
 * {@code Allow}), a body type it does not take (415, e.g. JSON sent to the CSV import) and a path that is no endpoint
 * (404). {@link ApiExceptionHandler} advises the controllers of
 * Collectwise only, and such a request has none, so without this advice it got Spring Boot's error page JSON instead of
 * a problem. Other paths (the webapps' static files) keep the default handling.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class UnmappedRequestProblems {

    @ExceptionHandler({HttpRequestMethodNotSupportedException.class, HttpMediaTypeNotSupportedException.class,
        HttpMediaTypeNotAcceptableException.class, NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ProblemDetail> unmapped(Exception e, HttpServletRequest request) throws Exception {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            throw e; // not ours: the default handling answers
        }
        ErrorResponse error = (ErrorResponse) e;
        ProblemDetail problem = error.getBody();
        problem.setInstance(null);
        return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders()).body(problem);
    }
}
