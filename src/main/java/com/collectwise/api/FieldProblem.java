package com.collectwise.api;

/** One bad field of a request body or query. */
public record FieldProblem(String field, String message) {
}
