package com.collectwise.api;

/** The record is busy with concurrent requests even after retries: 503 with Retry-After, nothing changed. */
public class BusyException extends RuntimeException {

    public BusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
