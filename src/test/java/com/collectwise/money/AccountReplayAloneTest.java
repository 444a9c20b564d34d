package com.collectwise.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@code fees.StatementService#statement} replays an invoice alone when its customer has no applied payments (a case
 * start, bench/results/TUNING.md): without payments no money moves between invoices, so each invoice's figures in the
 * customer's whole account are the figures of the invoice replayed by itself. Random accounts of several invoices
 * (currencies, EU compensation, caps, stepped and fixed rates, fees, waivers, discounts, credit notes, write-offs).
 */
class AccountReplayAloneTest {

    static final LocalDate DUE = LocalDate.of(2026, 1, 31);

    @Property(tries = 300)
    void withoutPaymentsAnInvoiceReplayedAloneHasItsFiguresInTheWholeAccount(@ForAll long seed) {
        Random random = new Random(seed);
        List<AccountReplay.InvoiceTerms> account = new ArrayList<>();
        int invoices = 1 + random.nextInt(5);
        for (int i = 0; i < invoices; i++) {
            account.add(invoice(random, "INV-" + i));
        }
        LocalDate asOf = DUE.plusDays(random.nextInt(200) - 40);
        AccountReplay.Result whole = AccountReplay.replay(account, List.of(), asOf);
        for (AccountReplay.InvoiceTerms terms : account) {
            AccountReplay.InvoiceFigures alone = AccountReplay.replay(List.of(terms), List.of(), asOf)
                .invoice(terms.invoiceNumber());
            assertThat(alone).isEqualTo(whole.invoice(terms.invoiceNumber()));
        }
    }

    private static AccountReplay.InvoiceTerms invoice(Random random, String number) {
        String currency = random.nextBoolean() ? "EUR" : "CNY";
        BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(2_000_000), 2);
        LocalDate due = DUE.plusDays(random.nextInt(90) - 45);
        LocalDate issued = due.minusDays(random.nextInt(60));
        DailyRate rate = switch (random.nextInt(3)) {
            case 0 -> AccountReplayPropertiesTest.STEPPED;
            case 1 -> DailyRate.fixed(new BigDecimal("7.35"));
            default -> DailyRate.none();
        };
        BigDecimal cap = random.nextBoolean() ? null : BigDecimal.valueOf(1 + random.nextInt(20));
        List<LedgerEntry> entries = new ArrayList<>();
        int lines = random.nextInt(5);
        for (int i = 0; i < lines; i++) {
            LedgerEntryType type = LedgerEntryType.values()[random.nextInt(LedgerEntryType.values().length)];
            Component component = type.fixedComponent() != null ? type.fixedComponent()
                : List.of(Component.FEES, Component.INTEREST, Component.PRINCIPAL).get(random.nextInt(3));
            BigDecimal lineAmount = BigDecimal.valueOf(1 + random.nextInt(amount.movePointRight(2).intValue()), 2);
            entries.add(new LedgerEntry((long) i, number, type, component, Money.of(lineAmount, currency),
                due.plusDays(random.nextInt(150) - 20), "test", null, null, null, null));
        }
        return new AccountReplay.InvoiceTerms(number, currency, amount, issued, due, rate, cap, random.nextBoolean(),
            entries);
    }
}
