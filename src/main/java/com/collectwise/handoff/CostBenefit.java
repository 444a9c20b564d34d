package com.collectwise.handoff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import org.springframework.stereotype.Service;

import com.collectwise.kernel.Invoice;
import com.collectwise.money.Money;
import com.collectwise.money.Statement;
import com.collectwise.limitation.LimitationService;

/**
 * What a hand-off costs against what it may bring: the figures ({@link #agencyFigures}, {@link #litigationFigures}),
 * worded for the approval forms by {@link Words} (the screens' language is known above this package: the Chinese
 * wording lives in {@code cases.HandoffFormWords}; {@link Words#ENGLISH} here).
 */
@Service
public class CostBenefit {

    /** The agency's mandate, as the agency process and the form say it. */
    public static final int AGENCY_MANDATE_DAYS = 90;

    private final CourtFeeSchedule courtFees;
    private final LimitationService limitation;
    private final BigDecimal commissionPercent;
    private final LegalCostsPolicy legalCosts;

    /** The agency's cost and benefit; amounts unrounded, {@link #money} words them at the currency's minor unit. */
    public record AgencyFigures(String currency, BigDecimal outstanding, BigDecimal commissionPercent,
                                BigDecimal commission, BigDecimal net, int mandateDays) {
    }

    /**
     * The suit's cost and benefit. {@code courtFeeAsIfCny}: the CN court fee schedule is applied to a foreign-currency
     * claim as if it were CNY; {@code lawyerMinimumSet}: Decision_LegalCosts has a minimum fee for the currency.
     */
    public record LitigationFigures(String currency, BigDecimal claim, BigDecimal courtFee, boolean courtFeeAsIfCny,
                                    BigDecimal lawyer, boolean lawyerMinimumSet, BigDecimal net, LocalDate limitationDate) {
    }

    /** The approval forms' words for the figures, in one screen language. */
    public interface Words {

        String agency(AgencyFigures figures);

        String litigation(LitigationFigures figures);

        /** The English words, as the forms have always shown them. */
        Words ENGLISH = new Words() {
            @Override
            public String agency(AgencyFigures f) {
                String c = f.currency();
                return "Outstanding " + money(c, f.outstanding()) + ". Agency commission "
                    + f.commissionPercent().stripTrailingZeros().toPlainString() + "% = " + money(c, f.commission())
                    + ". Net if fully collected: " + money(c, f.net()) + ". Mandate " + f.mandateDays()
                    + " days; the agency is paid only on what it collects.";
            }

            @Override
            public String litigation(LitigationFigures f) {
                String c = f.currency();
                String lawyerNote = f.lawyerMinimumSet() ? "" : " (no minimum fee set for " + c + ")";
                String note = f.courtFeeAsIfCny() ? " (CN court fee schedule applied to the amount as if in CNY)" : "";
                return "Claim " + money(c, f.claim()) + ". Court acceptance fee " + money(c, f.courtFee()) + note
                    + " (advanced; the losing party bears it). Lawyer estimate " + money(c, f.lawyer()) + lawyerNote
                    + ". Net if won and enforced: "
                    + money(c, f.net()) + (f.net().signum() <= 0 ? " - suing costs more than it can bring." : ".")
                    + " Limitation date " + f.limitationDate() + " unless interrupted by a demand, acknowledgement or suit.";
            }
        };
    }

    public CostBenefit(CourtFeeSchedule courtFees, LimitationService limitation,
                       HandoffSettings settings, LegalCostsPolicy legalCosts) {
        this.courtFees = courtFees;
        this.limitation = limitation;
        this.commissionPercent = settings.agency().commissionPercent();
        this.legalCosts = legalCosts;
    }

    /** In English ({@link Words#ENGLISH}). */
    public String agency(Invoice invoice, Statement statement) {
        return Words.ENGLISH.agency(agencyFigures(invoice, statement));
    }

    /** In English ({@link Words#ENGLISH}). */
    public String litigation(Invoice invoice, Statement statement) {
        return Words.ENGLISH.litigation(litigationFigures(invoice, statement));
    }

    public AgencyFigures agencyFigures(Invoice invoice, Statement statement) {
        BigDecimal outstanding = statement.total();
        BigDecimal commission = percent(outstanding, commissionPercent);
        return new AgencyFigures(invoice.currency(), outstanding, commissionPercent, commission,
            outstanding.subtract(commission), AGENCY_MANDATE_DAYS);
    }

    public LitigationFigures litigationFigures(Invoice invoice, Statement statement) {
        BigDecimal claim = statement.total();
        BigDecimal courtFee = courtFees.fee(claim);
        // share and minimum per currency (Decision_LegalCosts); no minimum for the currency: the percentage alone
        LegalCostsPolicy.LawyerFee fee = legalCosts.lawyerFee(invoice.currency());
        BigDecimal percentFee = percent(claim, fee.percent());
        var minimum = fee.minimum();
        BigDecimal lawyer = minimum.map(percentFee::max).orElse(percentFee);
        BigDecimal net = claim.subtract(courtFee).subtract(lawyer);
        LocalDate limitationDate = limitation.limitationDate(invoice, statement.asOf());
        return new LitigationFigures(invoice.currency(), claim, courtFee, !"CNY".equals(invoice.currency()), lawyer,
            minimum.isPresent(), net, limitationDate);
    }

    private static BigDecimal percent(BigDecimal amount, BigDecimal percent) {
        return amount.multiply(percent).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }

    /** "CNY 568,284.93": the currency, then the amount with thousands separators at the currency's minor unit. */
    public static String money(String currency, BigDecimal amount) {
        return currency + " " + grouped(currency, amount);
    }

    /**
     * "568,284.93": at the currency's minor unit (JPY without decimals, KWD with three), with thousands separators
     * as on the rest of the form ("568,284.93", not "568284.93").
     */
    public static String grouped(String currency, BigDecimal amount) {
        BigDecimal rounded = Money.rounded(amount, currency).amount();
        int scale = Math.max(0, rounded.scale());
        java.text.DecimalFormat grouped = new java.text.DecimalFormat(scale == 0 ? "#,##0" : "#,##0." + "0".repeat(scale),
            java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        return grouped.format(rounded);
    }
}
