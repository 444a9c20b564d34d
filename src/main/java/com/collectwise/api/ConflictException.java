package com.collectwise.api;

/** The request clashes with what exists (duplicate key, replay with other content): 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
