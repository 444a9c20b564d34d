package com.collectwise.handoff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import org.springframework.stereotype.Service;

import com.collectwise.disputes.DisputedPart;
import com.collectwise.fees.FxRates;
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
    private final FxRates fxRates;

    /**
     * The agency's cost and benefit; amounts unrounded, {@link #money} words them at the currency's minor unit.
     * {@code outstanding} is what the agency is to collect: the undisputed part while disputes are open
     * ({@code disputed}, their sum, named and not handed over; zero without any).
     */
    public record AgencyFigures(String currency, BigDecimal outstanding, BigDecimal commissionPercent,
                                BigDecimal commission, BigDecimal net, int mandateDays, BigDecimal disputed) {

        /** Nothing under open dispute. */
        public AgencyFigures(String currency, BigDecimal outstanding, BigDecimal commissionPercent,
                             BigDecimal commission, BigDecimal net, int mandateDays) {
            this(currency, outstanding, commissionPercent, commission, net, mandateDays, BigDecimal.ZERO);
        }

        public boolean anyDisputed() {
            return disputed != null && disputed.signum() > 0;
        }
    }

    /**
     * The suit's cost and benefit. A claim in another currency than CNY is converted to CNY with the exchange rates in
     * force on the statement date (fx_rates: units per EUR of both currencies; a EUR claim needs the CNY rate only),
     * the court fee is the schedule's on that CNY claim ({@code claimInCny}, {@code courtFeeInCny}, at the fen) and
     * {@code courtFee} is that fee back in the claim's currency at its minor unit. {@code courtFeeAsIfCny}: no rate to
     * convert with, so the schedule is applied to the amount as if it were CNY (and the words say so);
     * {@code lawyerMinimumSet}: Decision_LegalCosts has a minimum fee for the currency. While disputes are open the
     * claim is the undisputed part (what is owed if they all ended in credit notes) and {@code disputed}, their sum,
     * is named and not sued for (DOMAIN.md 5: collect the undisputed part first); zero without any.
     */
    public record LitigationFigures(String currency, BigDecimal claim, BigDecimal courtFee, boolean courtFeeAsIfCny,
                                    BigDecimal lawyer, boolean lawyerMinimumSet, BigDecimal net, LocalDate limitationDate,
                                    BigDecimal claimInCny, BigDecimal courtFeeInCny, BigDecimal disputed) {

        /** Nothing under open dispute. */
        public LitigationFigures(String currency, BigDecimal claim, BigDecimal courtFee, boolean courtFeeAsIfCny,
                                 BigDecimal lawyer, boolean lawyerMinimumSet, BigDecimal net, LocalDate limitationDate,
                                 BigDecimal claimInCny, BigDecimal courtFeeInCny) {
            this(currency, claim, courtFee, courtFeeAsIfCny, lawyer, lawyerMinimumSet, net, limitationDate, claimInCny,
                courtFeeInCny, BigDecimal.ZERO);
        }

        public boolean anyDisputed() {
            return disputed != null && disputed.signum() > 0;
        }

        /** A claim in CNY, or one whose court fee was not converted. */
        public LitigationFigures(String currency, BigDecimal claim, BigDecimal courtFee, boolean courtFeeAsIfCny,
                                 BigDecimal lawyer, boolean lawyerMinimumSet, BigDecimal net, LocalDate limitationDate) {
            this(currency, claim, courtFee, courtFeeAsIfCny, lawyer, lawyerMinimumSet, net, limitationDate, null, null);
        }
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
                String disputed = f.anyDisputed() ? " undisputed (" + money(c, f.disputed()) + " under open dispute is"
                    + " not handed over until the dispute is decided)" : "";
                return "Outstanding " + money(c, f.outstanding()) + disputed + ". Agency commission "
                    + f.commissionPercent().stripTrailingZeros().toPlainString() + "% = " + money(c, f.commission())
                    + ". Net if fully collected: " + money(c, f.net()) + ". Mandate " + f.mandateDays()
                    + " days; the agency is paid only on what it collects.";
            }

            @Override
            public String litigation(LitigationFigures f) {
                String c = f.currency();
                String lawyerNote = f.lawyerMinimumSet() ? "" : " (no minimum fee set for " + c + ")";
                String note = f.courtFeeAsIfCny() ? " (CN court fee schedule applied to the amount as if in CNY: no"
                    + " exchange rate to convert " + c + " to CNY)"
                    : f.courtFeeInCny() == null ? "" : " (CNY " + grouped("CNY", f.courtFeeInCny()) + " on the claim"
                    + " converted to CNY " + grouped("CNY", f.claimInCny()) + ")";
                String disputed = f.anyDisputed() ? " undisputed (" + money(c, f.disputed()) + " under open dispute is"
                    + " not claimed until the dispute is decided)" : "";
                return "Claim " + money(c, f.claim()) + disputed + ". Court acceptance fee " + money(c, f.courtFee()) + note
                    + " (advanced; the losing party bears it). Lawyer estimate " + money(c, f.lawyer()) + lawyerNote
                    + ". Net if won and enforced: "
                    + money(c, f.net()) + (f.net().signum() <= 0 ? " - suing costs more than it can bring." : ".")
                    + " Limitation date " + f.limitationDate() + " unless interrupted by a demand, acknowledgement or suit.";
            }
        };
    }

    public CostBenefit(CourtFeeSchedule courtFees, LimitationService limitation,
                       HandoffSettings settings, LegalCostsPolicy legalCosts, FxRates fxRates) {
        this.fxRates = fxRates;
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

    /** Nothing under open dispute: the agency is given the whole outstanding total. */
    public AgencyFigures agencyFigures(Invoice invoice, Statement statement) {
        return agencyFigures(invoice, statement, DisputedPart.NONE);
    }

    /**
     * The agency collects the undisputed part only (as its mandate says, {@link AgencyHandoffService}): commission and
     * net on that part; the disputed amount is named.
     */
    public AgencyFigures agencyFigures(Invoice invoice, Statement statement, DisputedPart disputed) {
        BigDecimal outstanding = disputed.demanded(statement.total());
        BigDecimal commission = percent(outstanding, commissionPercent);
        return new AgencyFigures(invoice.currency(), outstanding, commissionPercent, commission,
            outstanding.subtract(commission), AGENCY_MANDATE_DAYS, disputed.any() ? disputed.disputed() : BigDecimal.ZERO);
    }

    /** Nothing under open dispute: the claim is the whole outstanding total. */
    public LitigationFigures litigationFigures(Invoice invoice, Statement statement) {
        return litigationFigures(invoice, statement, DisputedPart.NONE);
    }

    /**
     * The suit claims the undisputed part only while disputes are open (the disputed part waits for their outcome):
     * court fee, lawyer estimate and net on that claim; the disputed amount is named.
     */
    public LitigationFigures litigationFigures(Invoice invoice, Statement statement, DisputedPart disputed) {
        BigDecimal claim = disputed.demanded(statement.total());
        String currency = invoice.currency();
        // the court takes the claim in yuan: another currency is converted at the rates in force on the date
        BigDecimal claimInCny = null;
        BigDecimal courtFeeInCny = null;
        BigDecimal courtFee;
        boolean asIfCny = false;
        if ("CNY".equals(currency)) {
            courtFee = courtFees.fee(claim);
        } else {
            FxRates.Table fx = fxRates.table();
            BigDecimal cnyPerEur = fx.unitsPerEurOn("CNY", statement.asOf());
            BigDecimal unitsPerEur = "EUR".equals(currency) ? BigDecimal.ONE : fx.unitsPerEurOn(currency, statement.asOf());
            if (cnyPerEur == null || unitsPerEur == null) {
                asIfCny = true;
                courtFee = courtFees.fee(claim);
            } else {
                claimInCny = claim.multiply(cnyPerEur).divide(unitsPerEur, 2, RoundingMode.HALF_UP);
                courtFeeInCny = courtFees.fee(claimInCny);
                courtFee = Money.rounded(courtFeeInCny.multiply(unitsPerEur).divide(cnyPerEur, 10,
                    RoundingMode.HALF_UP), currency).amount();
            }
        }
        // share and minimum per currency (Decision_LegalCosts); no minimum for the currency: the percentage alone
        LegalCostsPolicy.LawyerFee fee = legalCosts.lawyerFee(invoice.currency());
        BigDecimal percentFee = percent(claim, fee.percent());
        var minimum = fee.minimum();
        BigDecimal lawyer = minimum.map(percentFee::max).orElse(percentFee);
        BigDecimal net = claim.subtract(courtFee).subtract(lawyer);
        LocalDate limitationDate = limitation.limitationDate(invoice, statement.asOf());
        return new LitigationFigures(currency, claim, courtFee, asIfCny, lawyer, minimum.isPresent(), net,
            limitationDate, claimInCny, courtFeeInCny, disputed.any() ? disputed.disputed() : BigDecimal.ZERO);
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
