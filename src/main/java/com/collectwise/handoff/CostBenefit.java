package com.collectwise.handoff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import org.springframework.stereotype.Service;

import com.collectwise.kernel.Invoice;
import com.collectwise.money.Money;
import com.collectwise.money.Statement;
import com.collectwise.limitation.LimitationService;

/** What a hand-off costs against what it may bring, in the words the approval forms show. */
@Service
public class CostBenefit {

    private final CourtFeeSchedule courtFees;
    private final LimitationService limitation;
    private final BigDecimal commissionPercent;
    private final LegalCostsPolicy legalCosts;

    public CostBenefit(CourtFeeSchedule courtFees, LimitationService limitation,
                       HandoffSettings settings, LegalCostsPolicy legalCosts) {
        this.courtFees = courtFees;
        this.limitation = limitation;
        this.commissionPercent = settings.agency().commissionPercent();
        this.legalCosts = legalCosts;
    }

    public String agency(Invoice invoice, Statement statement) {
        BigDecimal outstanding = statement.total();
        BigDecimal commission = percent(outstanding, commissionPercent);
        return "Outstanding " + money(invoice, outstanding) + ". Agency commission " + commissionPercent.stripTrailingZeros().toPlainString()
            + "% = " + money(invoice, commission) + ". Net if fully collected: " + money(invoice, outstanding.subtract(commission))
            + ". Mandate 90 days; the agency is paid only on what it collects.";
    }

    public String litigation(Invoice invoice, Statement statement) {
        BigDecimal claim = statement.total();
        BigDecimal courtFee = courtFees.fee(claim);
        // share and minimum per currency (Decision_LegalCosts); no minimum for the currency: the percentage alone
        LegalCostsPolicy.LawyerFee fee = legalCosts.lawyerFee(invoice.currency());
        BigDecimal percentFee = percent(claim, fee.percent());
        var minimum = fee.minimum();
        BigDecimal lawyer = minimum.map(percentFee::max).orElse(percentFee);
        String lawyerNote = minimum.isPresent() ? "" : " (no minimum fee set for " + invoice.currency() + ")";
        BigDecimal net = claim.subtract(courtFee).subtract(lawyer);
        LocalDate limitationDate = limitation.limitationDate(invoice, statement.asOf());
        String note = "CNY".equals(invoice.currency()) ? "" : " (CN court fee schedule applied to the amount as if in CNY)";
        return "Claim " + money(invoice, claim) + ". Court acceptance fee " + money(invoice, courtFee) + note
            + " (advanced; the losing party bears it). Lawyer estimate " + money(invoice, lawyer) + lawyerNote
            + ". Net if won and enforced: "
            + money(invoice, net) + (net.signum() <= 0 ? " - suing costs more than it can bring." : ".")
            + " Limitation date " + limitationDate + " unless interrupted by a demand, acknowledgement or suit.";
    }

    private static BigDecimal percent(BigDecimal amount, BigDecimal percent) {
        return amount.multiply(percent).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }

    private static String money(Invoice invoice, BigDecimal amount) {
        // at the currency's minor unit: JPY without decimals, KWD with three
        // with thousands separators as on the rest of the form ("CNY 568,284.93", not "CNY 568284.93")
        BigDecimal rounded = Money.rounded(amount, invoice.currency()).amount();
        int scale = Math.max(0, rounded.scale());
        java.text.DecimalFormat grouped = new java.text.DecimalFormat(scale == 0 ? "#,##0" : "#,##0." + "0".repeat(scale),
            java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        return invoice.currency() + " " + grouped.format(rounded);
    }
}
