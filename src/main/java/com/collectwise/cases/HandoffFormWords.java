package com.collectwise.cases;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.collectwise.handoff.CostBenefit;
import com.collectwise.screens.ScreenForms;
import com.collectwise.screens.ScreenSettings;

/**
 * The cost-benefit text of the agency and litigation approval forms in the screen language of the installation
 * ({@code collectwise.ui.language}), like {@link CallFormWords}: handoff computes the figures
 * ({@link CostBenefit#agencyFigures}), this wording is known here, above it. The same figures in both languages.
 */
@Component
public class HandoffFormWords implements CostBenefit.Words {

    private final boolean chinese;

    @Autowired
    public HandoffFormWords(ScreenSettings screens) {
        this(screens.language());
    }

    public HandoffFormWords(String language) {
        this.chinese = ScreenForms.isChinese(language);
    }

    @Override
    public String agency(CostBenefit.AgencyFigures f) {
        if (!chinese) {
            return CostBenefit.Words.ENGLISH.agency(f);
        }
        String c = f.currency();
        String disputed = f.anyDisputed() ? "（无异议部分；另有 " + money(c, f.disputed()) + " 存在未决异议，异议处理前不委托催收）"
            : "";
        return "未付总额 " + money(c, f.outstanding()) + disputed + "。催收机构佣金 "
            + f.commissionPercent().stripTrailingZeros().toPlainString() + "% = " + money(c, f.commission())
            + "。全额收回后净得：" + money(c, f.net()) + "。委托期限 " + f.mandateDays()
            + " 天；催收机构只按实际收回的金额收取佣金。";
    }

    @Override
    public String litigation(CostBenefit.LitigationFigures f) {
        if (!chinese) {
            return CostBenefit.Words.ENGLISH.litigation(f);
        }
        String c = f.currency();
        String note = f.courtFeeAsIfCny() ? "（无 " + c + " 兑人民币汇率，按中国诉讼费用交纳标准将该金额视同人民币计算）"
            : f.courtFeeInCny() == null ? "" : "（标的折合 " + money("CNY", f.claimInCny()) + "，受理费 "
            + money("CNY", f.courtFeeInCny()) + "）";
        String lawyerNote = f.lawyerMinimumSet() ? "" : "（未设置 " + c + " 的最低律师费）";
        String disputed = f.anyDisputed() ? "（无异议部分；另有 " + money(c, f.disputed()) + " 存在未决异议，异议处理前不起诉该部分）"
            : "";
        return "诉讼标的 " + money(c, f.claim()) + disputed + "。案件受理费 " + money(c, f.courtFee()) + note
            + "（由原告预交，最终由败诉方负担）。律师费预估 " + money(c, f.lawyer()) + lawyerNote
            + "。胜诉并执行到位后净得：" + money(c, f.net())
            + (f.net().signum() <= 0 ? "——起诉的成本高于可能收回的金额。" : "。")
            + "诉讼时效届满日 " + f.limitationDate() + "，催款、债务人确认债务或起诉可使诉讼时效中断。";
    }

    /** "150,369.86 CNY", as the Chinese case forms write amounts ({@link CallFormWords#outstanding}). */
    private static String money(String currency, java.math.BigDecimal amount) {
        return CostBenefit.grouped(currency, amount) + " " + currency;
    }
}
