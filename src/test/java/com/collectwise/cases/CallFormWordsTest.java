package com.collectwise.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the application writes into the call form follows the screen language, as the form itself does. */
class CallFormWordsTest {

    @Test
    void aChineseInstallationGetsChineseWordsOnTheCallForm() {
        CallFormWords zh = new CallFormWords("zh-CN");
        assertThat(zh.sheetHeader()).startsWith("| 发票 | 到期日 |").doesNotContain("Invoice");
        assertThat(zh.inThisCall(true)).isEqualTo("是");
        assertThat(zh.total()).isEqualTo("合计");
        assertThat(zh.principles()).contains("理 讲道理", "情 讲情面", "利 讲利益", "法 讲法律").doesNotContain("Reason");
        assertThat(zh.promiseLine("BROKEN", "500.00", "CNY", "2026-03-10", "INV-1"))
            .isEqualTo("- 已违约：500.00 CNY，承诺日期 2026-03-10（发票 INV-1）");
        assertThat(zh.noPromise()).isEqualTo("尚无承诺。");
    }

    @Test
    void anEnglishInstallationKeepsTheEnglishWords() {
        CallFormWords en = new CallFormWords("en");
        assertThat(en.sheetHeader()).startsWith("| Invoice | Due |");
        assertThat(en.inThisCall(false)).isEqualTo("no");
        assertThat(en.principles()).isEqualTo(ObjectionPlaybook.PRINCIPLES);
        assertThat(en.promiseLine("KEPT", "500.00", "CNY", "2026-03-10", "INV-1"))
            .isEqualTo("- Kept: 500.00 CNY by 2026-03-10 (invoice INV-1)");
    }

    /** Seen in Tasklist: the forms showed stage ids (FIELD_VISIT), log codes (PHONE PROMISE_TO_PAY) and 186000.00. */
    @Test
    void theFormsShowWordsAndSpokenAmountsNotIds() {
        CallFormWords en = new CallFormWords("en");
        CallFormWords zh = new CallFormWords("zh-CN");
        assertThat(en.stage("FIELD_VISIT")).isEqualTo("Field visit");
        assertThat(en.stage(com.collectwise.kernel.Stage.FORMAL_DEMAND)).isEqualTo("Formal demand (letter sent)");
        assertThat(zh.stage("INTERNAL_REMINDER")).isEqualTo("内勤提示");
        for (com.collectwise.kernel.Stage stage : com.collectwise.kernel.Stage.values()) {
            assertThat(en.stage(stage)).as(stage.name()).doesNotContain("_").isNotEqualTo(stage.name());
            assertThat(zh.stage(stage)).as(stage.name()).doesNotContainPattern("[A-Z]");
        }
        assertThat(en.contactWord("PROMISE_TO_PAY")).isEqualTo("Promise to pay");
        assertThat(en.contactWord("PHONE")).isEqualTo("Phone");
        assertThat(zh.contactWord("NO_ANSWER")).isEqualTo("无人接听");
        assertThat(ContactHistory.grouped(new java.math.BigDecimal("186000.00"))).isEqualTo("186,000.00");

        com.collectwise.money.Statement today = new com.collectwise.money.Statement("INV-1", "CNY",
            java.time.LocalDate.parse("2026-12-01"), new java.math.BigDecimal("48000"), new java.math.BigDecimal("1050.725"),
            new java.math.BigDecimal("0"), new java.math.BigDecimal("49050.72"));
        assertThat(en.outstanding(today))
            .isEqualTo("49,050.72 CNY (principal 48,000.00, interest 1,050.73, fees 0.00, as of 2026-12-01)");
        assertThat(zh.outstanding(today)).isEqualTo("49,050.72 CNY（本金 48,000.00，利息 1,050.73，费用 0.00；截至 2026-12-01）");
        com.collectwise.money.Statement yen = new com.collectwise.money.Statement("INV-2", "JPY",
            java.time.LocalDate.parse("2026-12-01"), new java.math.BigDecimal("100000"), new java.math.BigDecimal("12"),
            new java.math.BigDecimal("0"), new java.math.BigDecimal("100012"));
        assertThat(en.outstanding(yen)).startsWith("100,012 JPY (principal 100,000, interest 12, fees 0,");
    }
}
