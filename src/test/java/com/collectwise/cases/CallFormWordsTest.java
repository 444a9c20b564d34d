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
            .isEqualTo("- KEPT: 500.00 CNY by 2026-03-10 (invoice INV-1)");
    }
}
