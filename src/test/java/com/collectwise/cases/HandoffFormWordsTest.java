package com.collectwise.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.collectwise.handoff.CostBenefit;

/** The approval forms' cost-benefit text follows the screen language, with the same figures in both. */
class HandoffFormWordsTest {

    private static final CostBenefit.AgencyFigures AGENCY = new CostBenefit.AgencyFigures("CNY",
        new BigDecimal("12088.77"), new BigDecimal("25.0"), new BigDecimal("3022.19"), new BigDecimal("9066.58"), 90);
    private static final CostBenefit.LitigationFigures SUIT = new CostBenefit.LitigationFigures("CNY",
        new BigDecimal("150369.86"), new BigDecimal("3307.40"), false, new BigDecimal("12029.59"), true,
        new BigDecimal("135032.87"), LocalDate.of(2029, 3, 3));

    @Test
    void aChineseInstallationGetsTheCostBenefitInChinese() {
        HandoffFormWords zh = new HandoffFormWords("zh-CN");
        assertThat(zh.agency(AGENCY)).isEqualTo("未付总额 12,088.77 CNY。催收机构佣金 25% = 3,022.19 CNY。"
            + "全额收回后净得：9,066.58 CNY。委托期限 90 天；催收机构只按实际收回的金额收取佣金。");
        assertThat(zh.litigation(SUIT)).isEqualTo("诉讼标的 150,369.86 CNY。案件受理费 3,307.40 CNY（由原告预交，最终由败诉方负担）。"
            + "律师费预估 12,029.59 CNY。胜诉并执行到位后净得：135,032.87 CNY。"
            + "诉讼时效届满日 2029-03-03，催款、债务人确认债务或起诉可使诉讼时效中断。");

        CostBenefit.LitigationFigures dollars = new CostBenefit.LitigationFigures("USD", new BigDecimal("1000"),
            new BigDecimal("50"), true, new BigDecimal("2000"), false, new BigDecimal("-1050"), LocalDate.of(2029, 3, 3));
        assertThat(zh.litigation(dollars)).contains("1,000.00 USD", "视同人民币", "未设置 USD 的最低律师费",
            "-1,050.00 USD——起诉的成本高于可能收回的金额。");
        // a yen claim converted to yuan for the court fee (CostBenefitCourtFeeTest): both CNY figures named
        CostBenefit.LitigationFigures yen = new CostBenefit.LitigationFigures("JPY", new BigDecimal("1000000"),
            new BigDecimal("21000"), false, new BigDecimal("80000"), true, new BigDecimal("899000"),
            LocalDate.of(2029, 3, 3), new BigDecimal("50000.00"), new BigDecimal("1050.00"));
        assertThat(zh.litigation(yen)).contains("案件受理费 21,000 JPY（标的折合 50,000.00 CNY，受理费 1,050.00 CNY）");
        for (String text : new String[] {zh.agency(AGENCY), zh.litigation(SUIT), zh.litigation(dollars),
            zh.litigation(yen)}) {
            // Chinese words only: the currency code is the one Latin word
            assertThat(text).containsPattern("\\p{IsHan}").doesNotContainPattern("[A-Za-z]{4,}")
                .doesNotContain("Outstanding", "Claim", "Net", "Limitation");
        }
    }

    @Test
    void anEnglishInstallationKeepsTheEnglishText() {
        HandoffFormWords en = new HandoffFormWords("en");
        assertThat(en.agency(AGENCY)).isEqualTo("Outstanding CNY 12,088.77. Agency commission 25% = CNY 3,022.19. "
            + "Net if fully collected: CNY 9,066.58. Mandate 90 days; the agency is paid only on what it collects.");
        assertThat(en.litigation(SUIT)).isEqualTo(CostBenefit.Words.ENGLISH.litigation(SUIT))
            .contains("Claim CNY 150,369.86", "Court acceptance fee CNY 3,307.40", "Lawyer estimate CNY 12,029.59",
                "Net if won and enforced: CNY 135,032.87", "Limitation date 2029-03-03");
    }
}
