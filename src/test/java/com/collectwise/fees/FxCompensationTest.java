package com.collectwise.fees;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Stage;
import com.collectwise.money.AccountReplay;
import com.collectwise.money.Money;

/**
 * The EU EUR 40 on invoices in another currency (DOMAIN.md section 6, 2026-12-01), hand-computed: EUR 40 x the
 * units of the currency per 1 EUR in force on the due date (the latest rate dated on or before it), rounded once
 * HALF_UP to the currency's minor unit, charged on the day after the due date when principal was still unpaid at
 * the end of the due date. The invoices carry a contract rate of 0% so that the fees are the EUR 40 alone.
 */
class FxCompensationTest {

    static final LocalDate DUE = LocalDate.of(2026, 1, 31);

    final Map<String, NavigableMap<LocalDate, BigDecimal>> fx = new TreeMap<>();
    final List<AccountReplay.PaymentFact> payments = new ArrayList<>();

    void rate(String currency, LocalDate from, String unitsPerEur) {
        fx.computeIfAbsent(currency, c -> new TreeMap<>()).put(from, new BigDecimal(unitsPerEur));
    }

    static Invoice invoice(String amount, String currency) {
        return new Invoice("INV-FX", "C-FX", DUE.minusDays(30), DUE, 30, new BigDecimal(amount), currency,
            BigDecimal.ZERO, CaseStatus.OPEN, Stage.INTERNAL_REMINDER, null, null);
    }

    AccountReplay.InvoiceFigures figures(Invoice invoice, String country, BigDecimal capPercent, LocalDate asOf) {
        boolean eu = InterestRatePolicy.isEuMember(country);
        Money compensation = AccountReplay.compensationIn(invoice.currency(),
            new FxRates.Table(fx).unitsPerEurOn(invoice.currency(), invoice.dueDate()));
        AccountReplay.InvoiceTerms terms = new AccountReplay.InvoiceTerms(invoice.invoiceNumber(), invoice.currency(),
            invoice.amount(), invoice.issueDate(), invoice.dueDate(), null, capPercent, eu, eu ? compensation : null,
            List.of());
        return AccountReplay.replay(List.of(terms), payments, asOf).invoice(invoice.invoiceNumber());
    }

    AccountReplay.InvoiceFigures figures(Invoice invoice, LocalDate asOf) {
        return figures(invoice, "FR", null, asOf);
    }

    @Test
    void usd_rateOfTheDueDate_notTheLaterOne() {
        // in force on 2026-01-31: 1.0850 (from 2026-01-02); 1.1000 from 2026-02-01 comes after the due date
        // 40 x 1.0850 = 43.40 USD, from 2026-02-01 on
        rate("USD", LocalDate.of(2025, 12, 1), "1.0400");
        rate("USD", LocalDate.of(2026, 1, 2), "1.0850");
        rate("USD", LocalDate.of(2026, 2, 1), "1.1000");
        Invoice usd = invoice("1000.00", "USD");
        assertThat(figures(usd, DUE).statement().fees()).isEqualByComparingTo("0.00");
        AccountReplay.InvoiceFigures late = figures(usd, DUE.plusDays(1));
        assertThat(late.statement().fees()).isEqualByComparingTo("43.40");
        assertThat(late.statement().total()).isEqualByComparingTo("1043.40");
        assertThat(late.compensation()).isEqualTo(Money.of("43.40", "USD"));
        assertThat(late.compensationUnconverted()).isFalse();
        assertThat(figures(usd, LocalDate.of(2026, 6, 30)).statement().fees()).isEqualByComparingTo("43.40");
    }

    @Test
    void usd_aRateDatedOnTheDueDateApplies_roundedHalfUpOnce() {
        // 40 x 1.0912 = 43.648 -> 43.65
        rate("USD", LocalDate.of(2026, 1, 2), "1.0850");
        rate("USD", DUE, "1.0912");
        assertThat(figures(invoice("1000.00", "USD"), DUE.plusDays(1)).statement().fees())
            .isEqualByComparingTo("43.65");
    }

    @Test
    void jpy_noDecimals_halfUpNotHalfEven() {
        // 40 x 162.3625 = 6,494.50 -> 6,495 JPY (HALF_EVEN would give 6,494)
        rate("JPY", LocalDate.of(2026, 1, 30), "162.3625");
        AccountReplay.InvoiceFigures f = figures(invoice("500000", "JPY"), DUE.plusDays(1));
        assertThat(f.statement().fees()).isEqualByComparingTo("6495");
        assertThat(f.statement().fees().scale()).isZero();
        assertThat(f.statement().total()).isEqualByComparingTo("506495");
    }

    @Test
    void gbpAndSek_andKwdWithThreeDecimals() {
        rate("GBP", LocalDate.of(2026, 1, 15), "0.8412");   // 33.648 -> 33.65
        rate("SEK", LocalDate.of(2026, 1, 15), "11.2345");  // 449.38 exactly
        rate("KWD", LocalDate.of(2026, 1, 15), "0.332763"); // 13.31052 -> 13.311
        assertThat(figures(invoice("100.00", "GBP"), DUE.plusDays(1)).statement().fees()).isEqualByComparingTo("33.65");
        assertThat(figures(invoice("100.00", "SEK"), DUE.plusDays(1)).statement().fees()).isEqualByComparingTo("449.38");
        BigDecimal kwd = figures(invoice("100.000", "KWD"), DUE.plusDays(1)).statement().fees();
        assertThat(kwd).isEqualByComparingTo("13.311");
        assertThat(kwd.scale()).isEqualTo(3);
    }

    @Test
    void paidOnTheDueDate_nothing_paidOneDayLate_theConvertedEur40() {
        rate("USD", LocalDate.of(2026, 1, 2), "1.0850");
        Invoice usd = invoice("1000.00", "USD");
        payments.add(new AccountReplay.PaymentFact("PAY-ON-TIME", usd.invoiceNumber(), Money.of("1000.00", "USD"),
            DUE, null));
        AccountReplay.InvoiceFigures onTime = figures(usd, DUE.plusDays(30));
        assertThat(onTime.statement().fees()).isEqualByComparingTo("0.00");
        assertThat(onTime.statement().total()).isEqualByComparingTo("0.00");
        assertThat(onTime.compensationUnconverted()).isFalse();

        payments.clear();
        payments.add(new AccountReplay.PaymentFact("PAY-LATE", usd.invoiceNumber(), Money.of("1000.00", "USD"),
            DUE.plusDays(1), null));
        AccountReplay.InvoiceFigures late = figures(usd, DUE.plusDays(30));
        // fees first: 43.40 of the 1,000.00 pays the EUR 40, 956.60 the principal; 43.40 principal left
        assertThat(late.statement().fees()).isEqualByComparingTo("0.00");
        assertThat(late.feesPaid()).isEqualTo(Money.of("43.40", "USD"));
        assertThat(late.statement().principal()).isEqualByComparingTo("43.40");
        assertThat(late.statement().total()).isEqualByComparingTo("43.40");
    }

    @Test
    void noRateOnOrBeforeTheDueDate_nothingCharged_andSaidSo_untilFinanceEntersIt() {
        rate("USD", DUE.plusDays(1), "1.1000"); // only after the due date: not the rate of the due date
        Invoice usd = invoice("1000.00", "USD");
        AccountReplay.InvoiceFigures f = figures(usd, DUE.plusDays(10));
        assertThat(f.statement().fees()).isEqualByComparingTo("0.00");
        assertThat(f.compensationUnconverted()).isTrue();
        assertThat(StatementService.compensationNote(usd, f.compensationUnconverted()))
            .contains("could not be converted").contains("no EUR/USD rate on or before the due date 2026-01-31");
        // not yet late: nothing is owed, so nothing is missing
        assertThat(figures(usd, DUE).compensationUnconverted()).isFalse();
        assertThat(StatementService.compensationNote(usd, false)).isNull();

        // finance enters the rate of the due date: the next statement (a replay) has it from the day after the due date
        rate("USD", LocalDate.of(2026, 1, 20), "1.0850");
        AccountReplay.InvoiceFigures after = figures(usd, DUE.plusDays(10));
        assertThat(after.statement().fees()).isEqualByComparingTo("43.40");
        assertThat(after.compensationUnconverted()).isFalse();
        assertThat(figures(usd, DUE).statement().fees()).isEqualByComparingTo("0.00");
    }

    @Test
    void notAnEuCustomer_nothing_andNothingMissing() {
        Invoice usd = invoice("1000.00", "USD");
        AccountReplay.InvoiceFigures f = figures(usd, "US", null, DUE.plusDays(10));
        assertThat(f.statement().fees()).isEqualByComparingTo("0.00");
        assertThat(f.compensationUnconverted()).isFalse();
    }

    @Test
    void cappedAsTheEuroEur40() {
        // cap 1% of 1,000.00 USD = 10.00: the 43.40 is capped to 10.00, as the EUR 40 of a euro invoice is
        rate("USD", LocalDate.of(2026, 1, 2), "1.0850");
        AccountReplay.InvoiceFigures f = figures(invoice("1000.00", "USD"), "DE", BigDecimal.ONE, DUE.plusDays(5));
        assertThat(f.statement().fees()).isEqualByComparingTo("10.00");
        assertThat(f.capReached()).isTrue();
    }

    @Test
    void euroInvoicesNeedNoRate() {
        assertThat(AccountReplay.compensationIn("EUR", null)).isEqualTo(Money.of("40.00", "EUR"));
        assertThat(AccountReplay.compensationIn("USD", null)).isNull();
        assertThat(figures(invoice("1000.00", "EUR"), DUE.plusDays(1)).statement().fees())
            .isEqualByComparingTo("40.00");
    }
}
