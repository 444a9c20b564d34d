package com.collectwise.agreements;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.limitation.LimitationFactRecorded;

/**
 * Acknowledgements of the debt by the customer: a partial payment, a promise to pay, an instalment agreement, a
 * confirmed statement of account.
 * Each interrupts the limitation period and restarts it (Civil Code art. 195); the limitation date is computed
 * elsewhere from {@link #latest(String)}. Append-only evidence.
 */
@Service
public class AcknowledgementService {

    public static final String PARTIAL_PAYMENT = "PARTIAL_PAYMENT";
    public static final String PROMISE = "PROMISE";
    public static final String AGREEMENT = "AGREEMENT";
    /** The customer confirmed a statement of account listing the invoice. */
    public static final String STATEMENT_CONFIRMED = "STATEMENT_CONFIRMED";

    private final JdbcClient jdbc;
    private final BusinessClock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    public AcknowledgementService(JdbcClient jdbc, BusinessClock clock,
                                  org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    public void record(String invoiceNumber, LocalDate acknowledgedOn, String source) {
        jdbc.sql("""
                INSERT INTO acknowledgements (invoice_number, acknowledged_on, source, recorded_at)
                VALUES (?, ?, ?, ?)""")
            .params(invoiceNumber, acknowledgedOn, source, Timestamp.from(clock.now())).update();
        // the limitation date moved: legal's review of the old date is withdrawn once this has committed
        events.publishEvent(new LimitationFactRecorded(invoiceNumber));
    }

    /** A part payment acknowledges the debt: the limitation period restarts (Civil Code art. 195). */
    @org.springframework.context.event.EventListener
    @org.springframework.core.annotation.Order(com.collectwise.kernel.PaymentBooked.ACKNOWLEDGE)
    public void paymentBooked(com.collectwise.kernel.PaymentBooked payment) {
        record(payment.invoiceNumber(), payment.valueDate(), PARTIAL_PAYMENT);
    }

    /** The day of the latest acknowledgement of the invoice, if the customer ever acknowledged it. */
    public Optional<LocalDate> latest(String invoiceNumber) {
        return jdbc.sql("SELECT MAX(acknowledged_on) FROM acknowledgements WHERE invoice_number = ?")
            .param(invoiceNumber).query(LocalDate.class).optional();
    }
}
