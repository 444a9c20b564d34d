package com.collectwise.fees;

/** A waiver request that cannot go to a supervisor as it stands; the message tells the requester what to fix. */
public class WaiverRefusedException extends RuntimeException {

    public WaiverRefusedException(String message) {
        super(message);
    }
}
