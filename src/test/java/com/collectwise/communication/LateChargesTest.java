package com.collectwise.communication;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.collectwise.money.DailyRate;
import com.collectwise.fees.InterestBasis;
import com.collectwise.money.Money;

/** What a notice says about the rate, its basis and its own fee. */
class LateChargesTest {

    static final LocalDate DAY = LocalDate.of(2026, 3, 13);
    static final InterestBasis CN = new InterestBasis(InterestBasis.Source.STATUTORY_CN,
        "statutory (CN): one-year LPR 3.85% on the due date 2020-06-30 x 1.5 = 5.775% p.a.",
        DailyRate.fixed(new BigDecimal("5.7750")));

    @Test
    void theRateOfTheDayWithItsBasis() {
        assertThat(LateCharges.of(CN, DAY, null).interestLine()).isEqualTo("Late-payment interest: 5.775% p.a. "
            + "(statutory (CN): one-year LPR 3.85% on the due date 2020-06-30 x 1.5 = 5.775% p.a.)");
        InterestBasis eu = new InterestBasis(InterestBasis.Source.STATUTORY_EU, "statutory (EU B2B): ECB + 8 points",
            new DailyRate() {
                @Override
                public BigDecimal annualPercentOn(LocalDate day) {
                    return day.getMonthValue() <= 6 ? new BigDecimal("10.15") : new BigDecimal("10.00");
                }

                @Override
                public LocalDate nextChangeAfter(LocalDate day) {
                    return null;
                }
            });
        assertThat(LateCharges.of(eu, LocalDate.of(2026, 7, 1), null).interestLine())
            .isEqualTo("Late-payment interest: 10% p.a. (statutory (EU B2B): ECB + 8 points)");
    }

    @Test
    void noRateOrAnUnknownRateIsSaidInWordsNeverAsZero() {
        InterestBasis none = new InterestBasis(InterestBasis.Source.NONE,
            "no interest: no contract or segment rate and no statutory default for country US", DailyRate.none());
        assertThat(LateCharges.of(none, DAY, null).interestLine()).isEqualTo("Late-payment interest: none charged "
            + "(no interest: no contract or segment rate and no statutory default for country US)");
        InterestBasis missingEcb = new InterestBasis(InterestBasis.Source.STATUTORY_EU,
            "statutory (EU B2B): ECB + 8 points", DailyRate.none());
        assertThat(LateCharges.of(missingEcb, DAY, null).interestLine())
            .isEqualTo("Late-payment interest: rate unknown (statutory (EU B2B): ECB + 8 points)");
        // an agreed 0% is a rate, and said as one
        InterestBasis zero = new InterestBasis(InterestBasis.Source.CONTRACT, "contract rate 0% p.a.",
            DailyRate.fixed(BigDecimal.ZERO));
        assertThat(LateCharges.of(zero, DAY, null).interestLine())
            .isEqualTo("Late-payment interest: 0% p.a. (contract rate 0% p.a.)");
    }

    @Test
    void aFeeAddsItselfBelowTheCapAndWhatIsLeftAtIt() {
        Money fee = Money.of("15.00", "CNY");
        Money cap = Money.of("10.00", "CNY");

        LateCharges free = LateCharges.of(CN, DAY, fee, null, null);
        assertThat(free.totalWithFee(new BigDecimal("1000.25"))).isEqualByComparingTo("1015.25");
        assertThat(free.capNote()).isEmpty();

        LateCharges room = LateCharges.of(CN, DAY, fee, Money.of("120.00", "CNY"), Money.of("119.75", "CNY"));
        assertThat(room.feeAdded()).isEqualByComparingTo("15.00");
        assertThat(room.capNote()).isEmpty();

        LateCharges held = LateCharges.of(CN, DAY, fee, cap, Money.of("9.75", "CNY"));
        assertThat(held.feeAdded()).isEqualByComparingTo("9.75");
        assertThat(held.totalWithFee(new BigDecimal("1000.25"))).isEqualByComparingTo("1010.00");
        assertThat(held.capNote()).isEqualTo(" (late charges are capped at CNY 10.00 in total)");

        LateCharges full = LateCharges.of(CN, DAY, fee, cap, Money.of("0.00", "CNY"));
        assertThat(full.feeAdded()).isEqualByComparingTo("0");
        assertThat(full.noticeFee()).isEqualTo(fee);

        assertThat(LateCharges.of(CN, DAY, Money.of("0.00", "CNY")).noticeFee()).as("a zero fee is no fee").isNull();
    }
}
