package com.collectwise.cases;

import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.collectwise.screens.ScreenSettings;

import com.collectwise.screens.ScreenForms;

/**
 * The words the application writes into the call form itself (the customer's invoice table, the promise lines, the
 * four principles), in the screen language of the installation ({@code collectwise.ui.language}), like the form
 * chosen by {@link ScreenForms}: a Chinese call form shows no English the application made.
 */
@Component
public class CallFormWords {

    private static final Map<String, String> PROMISE_STATUS_ZH = Map.of("OPEN", "待兑现", "KEPT", "已兑现",
        "BROKEN", "已违约", "CANCELLED", "已取消");

    static final String PRINCIPLES_ZH = """
        - **理 讲道理**：摆事实：发票、交货、合同、金额。冷静、准确。
        - **情 讲情面**：客户是合作伙伴；保持礼貌，表示理解，提供帮助。
        - **利 讲利益**：现在付款的好处（信用、继续供货、免除费用）和拖延的代价。
        - **法 讲法律**：正式催款函、催收机构、诉讼：讲明后果，不做威胁。""";

    private final boolean chinese;

    @Autowired
    public CallFormWords(ScreenSettings screens) {
        this(screens.language());
    }

    public CallFormWords(String language) {
        this.chinese = ScreenForms.isChinese(language);
    }

    String sheetHeader() {
        return chinese
            ? "| 发票 | 到期日 | 逾期天数 | 阶段 | 应催收 | 有异议 | 本次通话 |\n|---|---|---|---|---|---|---|\n"
            : "| Invoice | Due | Days overdue | Stage | Ask for | Disputed | In this call |\n|---|---|---|---|---|---|---|\n";
    }

    String inThisCall(boolean covered) {
        return chinese ? (covered ? "是" : "否") : (covered ? "yes" : "no");
    }

    String total() {
        return chinese ? "合计" : "Total";
    }

    String principles() {
        return chinese ? PRINCIPLES_ZH : ObjectionPlaybook.PRINCIPLES;
    }

    String noPromise() {
        return chinese ? "尚无承诺。" : "No promise yet.";
    }

    /** One promise of the customer: "- KEPT: 500.00 CNY by 2026-03-10 (invoice INV-1)". */
    String promiseLine(String status, String amount, String currency, String date, String invoiceNumber) {
        return chinese
            ? "- " + PROMISE_STATUS_ZH.getOrDefault(status, status) + "：" + amount + " " + currency + "，承诺日期 " + date
                + "（发票 " + invoiceNumber + "）"
            : "- " + status + ": " + amount + " " + currency + " by " + date + " (invoice " + invoiceNumber + ")";
    }
}
