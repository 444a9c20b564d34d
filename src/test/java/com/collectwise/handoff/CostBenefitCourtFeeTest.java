package com.collectwise.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.collectwise.fees.FxRates;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Stage;
import com.collectwise.limitation.LimitationService;
import com.collectwise.money.Statement;

/**
 * DOMAIN.md 8: the litigation cost-benefit weighs the claim against the CN court acceptance fee, each band on the
 * part within it. The court takes the claim in yuan: a claim in another currency is converted at the exchange rates
 * in force on the statement date (fx_rates, units per EUR), the fee computed on the CNY claim and shown back in the
 * claim's currency. Before, the schedule was applied to the foreign amount as if it were CNY (JPY 1,000,000 -> 13,800).
 */
class CostBenefitCourtFeeTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 12, 2);

    private CostBenefit costBenefit(Map<String, String> unitsPerEur) {
        Map<String, java.util.NavigableMap<LocalDate, BigDecimal>> rates = new TreeMap<>();
        unitsPerEur.forEach((currency, rate) -> rates.put(currency,
            new TreeMap<>(Map.of(LocalDate.of(2026, 11, 2), new BigDecimal(rate)))));
        FxRates fx = mock(FxRates.class);
        when(fx.table()).thenReturn(new FxRates.Table(rates));
        LimitationService limitation = mock(LimitationService.class);
        when(limitation.limitationDate(any(), any())).thenReturn(LocalDate.of(2029, 3, 3));
        HandoffSettings settings = mock(HandoffSettings.class);
        HandoffSettings.Agency agency = mock(HandoffSettings.Agency.class);
        when(settings.agency()).thenReturn(agency);
        when(agency.commissionPercent()).thenReturn(new BigDecimal("20"));
        LegalCostsPolicy legal = mock(LegalCostsPolicy.class);
        when(legal.lawyerFee("JPY")).thenReturn(new LegalCostsPolicy.LawyerFee(new BigDecimal("8"),
            Optional.of(new BigDecimal("60000"))));
        when(legal.lawyerFee("EUR")).thenReturn(new LegalCostsPolicy.LawyerFee(new BigDecimal("8"),
            Optional.of(new BigDecimal("400"))));
        when(legal.lawyerFee("KWD")).thenReturn(new LegalCostsPolicy.LawyerFee(new BigDecimal("8"), Optional.empty()));
        when(legal.lawyerFee("USD")).thenReturn(new LegalCostsPolicy.LawyerFee(new BigDecimal("8"), Optional.empty()));
        when(legal.lawyerFee("CNY")).thenReturn(new LegalCostsPolicy.LawyerFee(new BigDecimal("8"),
            Optional.of(new BigDecimal("3000"))));
        return new CostBenefit(new CourtFeeSchedule(), limitation, settings, legal, fx);
    }

    private static CostBenefit.LitigationFigures figures(CostBenefit costBenefit, String claim, String currency) {
        Invoice invoice = new Invoice("INV-SUE-" + currency, "C-1", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 31),
            30, new BigDecimal(claim), currency, BigDecimal.ZERO, CaseStatus.OPEN, Stage.LITIGATION, null, null);
        BigDecimal amount = new BigDecimal(claim);
        return costBenefit.litigationFigures(invoice, new Statement(invoice.invoiceNumber(), currency, AS_OF, amount,
            BigDecimal.ZERO, BigDecimal.ZERO, amount));
    }

    /**
     * JPY 1,000,000 at JPY 160.00 and CNY 8.00 per EUR = CNY 50,000.00: fee 50 + 2.5% x 40,000 = CNY 1,050.00 =
     * JPY 21,000 (was 13,800, the schedule on 1,000,000 as if yuan); lawyer 8% = 80,000 (above the 60,000 minimum);
     * net 1,000,000 - 21,000 - 80,000 = 899,000 (was 906,200).
     */
    @Test
    void aYenClaimIsConvertedToYuanForTheCourtFee() {
        CostBenefit.LitigationFigures f = figures(costBenefit(Map.of("JPY", "160.00", "CNY", "8.00")), "1000000", "JPY");

        assertThat(f.courtFee()).isEqualByComparingTo("21000");
        assertThat(f.net()).isEqualByComparingTo("899000");
        assertThat(f.courtFeeAsIfCny()).isFalse();
        assertThat(CostBenefit.Words.ENGLISH.litigation(f)).contains("Court acceptance fee JPY 21,000 (CNY 1,050.00 on"
            + " the claim converted to CNY 50,000.00)", "Net if won and enforced: JPY 899,000.");
    }

    /**
     * EUR 150,000.00 at CNY 7.50 per EUR = CNY 1,125,000.00: 50 + 2.5% x 90,000 + 2% x 100,000 + 1.5% x 300,000 +
     * 1% x 500,000 + 0.9% x 125,000 = 50 + 2,250 + 2,000 + 4,500 + 5,000 + 1,125 = CNY 14,925.00 = EUR 1,990.00.
     * KWD 1,234.567 at KWD 0.3312 and CNY 7.8 per EUR = CNY 29,074.95 (29,074.9475 at the fen): 50 + 2.5% x 19,074.95
     * = 526.87 -> x 0.3312 / 7.8 = 22.37171 -> KWD 22.372.
     */
    @Test
    void euroAndDinarClaimsAtTheirMinorUnits() {
        assertThat(figures(costBenefit(Map.of("CNY", "7.50")), "150000.00", "EUR").courtFee())
            .isEqualByComparingTo("1990.00");
        CostBenefit.LitigationFigures kwd = figures(costBenefit(Map.of("KWD", "0.3312", "CNY", "7.8")), "1234.567",
            "KWD");
        assertThat(kwd.courtFee()).isEqualByComparingTo("22.372");
        assertThat(kwd.courtFee().scale()).isEqualTo(3);
    }

    /** CNY 150,000.00: 50 + 2.5% x 90,000 + 2% x 50,000 = 3,300.00, no rate needed. */
    @Test
    void aYuanClaimNeedsNoRate() {
        CostBenefit.LitigationFigures f = figures(costBenefit(Map.of()), "150000.00", "CNY");
        assertThat(f.courtFee()).isEqualByComparingTo("3300.00");
        assertThat(CostBenefit.Words.ENGLISH.litigation(f)).contains("Court acceptance fee CNY 3,300.00 (advanced;");
    }

    /** No USD (or no CNY) rate: the schedule on the amount as if yuan, and the words say why. */
    @Test
    void withoutARateTheFeeIsTheScheduleAsIfYuanAndSaysSo() {
        CostBenefit.LitigationFigures noUsd = figures(costBenefit(Map.of("CNY", "7.8")), "150000.00", "USD");
        assertThat(noUsd.courtFee()).isEqualByComparingTo("3300.00");
        assertThat(noUsd.courtFeeAsIfCny()).isTrue();
        assertThat(CostBenefit.Words.ENGLISH.litigation(noUsd)).contains("as if in CNY: no exchange rate to convert USD"
            + " to CNY");
        assertThat(figures(costBenefit(Map.of("USD", "1.08")), "150000.00", "USD").courtFeeAsIfCny()).isTrue();
    }
}
