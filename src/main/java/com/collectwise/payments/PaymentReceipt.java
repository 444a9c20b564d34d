package com.collectwise.payments;

/** What happened to a payment that came in, and the payment as booked. */
public record PaymentReceipt(Outcome outcome, PaymentView payment) {

    public enum Outcome {
        /** Booked now against an invoice (or as credit on a closed one). */
        APPLIED,
        /** Booked now as unapplied cash: no invoice matched. */
        UNAPPLIED,
        /** The same payment was booked before; nothing changed. */
        REPLAYED
    }
}
