package com.collectwise.limitation;

/**
 * A fact that may move the invoice's limitation date was recorded (an acknowledgement: part payment, promise,
 * instalment agreement, confirmed statement; a delivered demand; a suit; a payment reversed). Published in the
 * recording transaction; {@link LimitationWatch} withdraws legal's review of the old date once it has committed.
 */
public record LimitationFactRecorded(String invoiceNumber) {
}
