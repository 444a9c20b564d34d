package com.collectwise.handoff;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.collectwise.limitation.Interruption;
import com.collectwise.limitation.InterruptionSource;
import org.springframework.stereotype.Repository;

import com.collectwise.kernel.BusinessClock;

/** Suits filed for a case: evidence for the file and, by their filing dates, restarts of the limitation period. */
@Repository
public class Lawsuits implements InterruptionSource {

    private final JdbcClient jdbc;
    private final BusinessClock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    public Lawsuits(JdbcClient jdbc, BusinessClock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    public void filed(String invoiceNumber, LocalDate filedOn, String court, String caseReference) {
        jdbc.sql("INSERT INTO lawsuits (invoice_number, filed_on, court, case_reference, created_at) VALUES (?, ?, ?, ?, ?)")
            .params(invoiceNumber, filedOn, court, caseReference, Timestamp.from(clock.now())).update();
        events.publishEvent(new com.collectwise.limitation.LimitationFactRecorded(invoiceNumber)); // restarts the period
    }

    public List<LocalDate> filingDates(String invoiceNumber) {
        return jdbc.sql("SELECT filed_on FROM lawsuits WHERE invoice_number = ? ORDER BY filed_on").param(invoiceNumber)
            .query(LocalDate.class).list();
    }

    /** A suit filed interrupts the limitation period on its filing date. */
    @Override
    public List<Interruption> interruptions(String invoiceNumber) {
        return filingDates(invoiceNumber).stream().map(d -> new Interruption(d, "SUIT")).toList();
    }
}
