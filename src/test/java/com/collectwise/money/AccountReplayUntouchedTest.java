package com.collectwise.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link AccountReplay#untouched}: the statement of an invoice without ledger lines and payments, as of a date on or
 * before its due date, is the statement the replay gives for it (the first stage entry of a brand-new invoice,
 * {@code fees.StatementService#statement}; bench/results/TUNING.md, row 50). Random invoices: currencies with 0, 2
 * and 3 decimals, any rate, cap and EU compensation (converted or not), as of any day from before the issue date to
 * the due date. Equal as records: every figure at the same scale.
 */
class AccountReplayUntouchedTest {

    static final LocalDate DUE = LocalDate.of(2026, 1, 31);

    @Property(tries = 500)
    void anInvoiceWithoutEventsOwesItsAmountUntilItsDueDateAsTheReplaySays(@ForAll long seed) {
        Random random = new Random(seed);
        String currency = List.of("EUR", "CNY", "JPY", "KWD").get(random.nextInt(4));
        int decimals = Money.minorUnit(Money.currency(currency));
        BigDecimal amount = BigDecimal.valueOf(random.nextInt(50_000_000), decimals);
        LocalDate due = DUE.plusDays(random.nextInt(90) - 45);
        LocalDate issued = due.minusDays(random.nextInt(90));
        LocalDate asOf = due.minusDays(random.nextInt(150));
        DailyRate rate = switch (random.nextInt(3)) {
            case 0 -> AccountReplayPropertiesTest.STEPPED;
            case 1 -> DailyRate.fixed(new BigDecimal("7.35"));
            default -> DailyRate.none();
        };
        BigDecimal cap = random.nextBoolean() ? null : BigDecimal.valueOf(random.nextInt(25));
        boolean eu = random.nextBoolean();
        Money compensation = eu && random.nextBoolean() ? AccountReplay.compensationIn(currency,
            "EUR".equals(currency) ? null : new BigDecimal("7.8123")) : null;
        AccountReplay.InvoiceTerms terms = new AccountReplay.InvoiceTerms("INV-1", currency, amount, issued, due, rate,
            cap, eu, compensation, List.of());

        Statement replayed = AccountReplay.replay(List.of(terms), List.of(), asOf).invoice("INV-1").statement();

        assertThat(AccountReplay.untouched("INV-1", currency, amount, due, asOf)).isEqualTo(replayed);
    }

    @Test
    void owesTheAmountAtItsMinorUnitWithoutInterestOrFees() {
        // EUR 1,234.5 (scale 1 as typed) is owed as 1,234.50 on the due date, no interest, no fees
        assertThat(AccountReplay.untouched("INV-1", "EUR", new BigDecimal("1234.5"), DUE, DUE)).isEqualTo(
            new Statement("INV-1", "EUR", DUE, new BigDecimal("1234.50"), new BigDecimal("0.00"),
                new BigDecimal("0.00"), new BigDecimal("1234.50")));
        // JPY 120,000 a month before the due date
        assertThat(AccountReplay.untouched("INV-2", "JPY", new BigDecimal("120000"), DUE, DUE.minusMonths(1)))
            .isEqualTo(new Statement("INV-2", "JPY", DUE.minusMonths(1), new BigDecimal("120000"), BigDecimal.ZERO,
                BigDecimal.ZERO, new BigDecimal("120000")));
    }

    @Test
    void afterTheDueDateOnlyTheReplayKnows() {
        assertThatThrownBy(() -> AccountReplay.untouched("INV-1", "EUR", new BigDecimal("100.00"), DUE,
            DUE.plusDays(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
