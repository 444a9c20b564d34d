package com.collectwise.disputes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.collectwise.fees.DisputeFacts;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.money.AccountReplay;
import com.collectwise.money.Money;

/**
 * The disputes of a customer's invoices as the dated facts its account replay needs ({@link DisputeFacts}): raised on
 * the day of {@code raised_at}, ended (decided or closed) on the day of {@code resolved_at}, with the credit notes that
 * resolved part of them by their dates. Two queries per 500 invoice numbers; reads only this package's tables.
 */
@Component
class DisputeHistory implements DisputeFacts {

    private final JdbcClient jdbc;
    private final BusinessClock clock;

    DisputeHistory(JdbcClient jdbc, BusinessClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<AccountReplay.DisputeFact> of(Collection<String> invoiceNumbers) {
        List<String> numbers = List.copyOf(invoiceNumbers);
        List<AccountReplay.DisputeFact> facts = new ArrayList<>();
        for (int from = 0; from < numbers.size(); from += 500) {
            List<String> slice = numbers.subList(from, Math.min(numbers.size(), from + 500));
            Map<Long, List<AccountReplay.Credited>> credits = new HashMap<>();
            jdbc.sql("""
                    SELECT c.dispute_id, c.amount, c.credited_on, d.currency FROM dispute_credit_notes c
                    JOIN disputes d ON d.id = c.dispute_id WHERE c.invoice_number IN (:numbers)""")
                .param("numbers", slice)
                .query((rs, n) -> credits.computeIfAbsent(rs.getLong("dispute_id"), k -> new ArrayList<>())
                    .add(new AccountReplay.Credited(rs.getDate("credited_on").toLocalDate(),
                        Money.of(rs.getBigDecimal("amount"), rs.getString("currency").trim()))))
                .list();
            facts.addAll(jdbc.sql("""
                    SELECT id, invoice_number, amount, currency, raised_at, resolved_at FROM disputes
                    WHERE invoice_number IN (:numbers) ORDER BY id""")
                .param("numbers", slice)
                .query((rs, n) -> {
                    java.time.Instant raisedAt = rs.getTimestamp("raised_at").toInstant();
                    java.sql.Timestamp resolved = rs.getTimestamp("resolved_at");
                    java.time.Instant endedAt = resolved == null ? null : resolved.toInstant();
                    return new AccountReplay.DisputeFact(rs.getString("invoice_number"),
                        Money.of(rs.getBigDecimal("amount"), rs.getString("currency").trim()), day(raisedAt), raisedAt,
                        endedAt == null ? null : day(endedAt), endedAt,
                        credits.getOrDefault(rs.getLong("id"), List.of()));
                })
                .list());
        }
        return facts;
    }

    private LocalDate day(java.time.Instant at) {
        return at.atZone(clock.zone()).toLocalDate();
    }
}
