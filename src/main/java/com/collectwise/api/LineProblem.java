package com.collectwise.api;

/** One bad field on one line of an uploaded CSV file (line 1 is the header). */
public record LineProblem(long line, String field, String message) {
}
