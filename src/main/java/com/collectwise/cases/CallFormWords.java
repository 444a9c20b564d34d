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
    private static final Map<String, String> PROMISE_STATUS_EN = Map.of("OPEN", "Open", "KEPT", "Kept",
        "BROKEN", "Broken", "CANCELLED", "Cancelled");
    /** The stages as a collector names them (the API and Cockpit keep the ids, kernel.Stage). */
    private static final Map<String, String> STAGE_EN = Map.of("PRE_DUE", "Pre-due reminder",
        "INTERNAL_REMINDER", "Internal reminder", "FORMAL_DEMAND", "Formal demand (letter sent)",
        "FIELD_VISIT", "Field visit", "AGENCY", "Collection agency", "LITIGATION", "Litigation",
        "WRITE_OFF", "Write-off or sale", "CLOSED", "Closed");
    private static final Map<String, String> STAGE_ZH = Map.of("PRE_DUE", "到期前提醒",
        "INTERNAL_REMINDER", "内勤提示", "FORMAL_DEMAND", "正式催款（已发催款函）",
        "FIELD_VISIT", "外勤催收", "AGENCY", "委托专业催收机构", "LITIGATION", "法律诉讼",
        "WRITE_OFF", "核销或出售", "CLOSED", "已结案");

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

    /** Whether the call form is the Chinese one (the playbook then shows its Chinese columns). */
    boolean chinese() {
        return chinese;
    }

    String sheetHeader() {
        return chinese
            ? "| 发票 | 到期日 | 逾期天数 | 阶段 | 应催收 | 有异议 | 本次通话 |\n|---|---|---|---|---|---|---|\n"
            : "| Invoice | Due | Days overdue | Stage | Ask for | Disputed | In this call |\n|---|---|---|---|---|---|---|\n";
    }

    /** Channels and outcomes of the contact log in Chinese (others fall back to their English words). */
    private static final Map<String, String> CONTACT_ZH = Map.ofEntries(Map.entry("PHONE", "电话"),
        Map.entry("EMAIL", "邮件"), Map.entry("SMS", "短信"), Map.entry("LETTER", "信函"), Map.entry("VISIT", "上门拜访"),
        Map.entry("AGENCY", "催收机构"), Map.entry("PROMISE_TO_PAY", "承诺付款"), Map.entry("INSTALMENT_REQUESTED", "申请分期付款"),
        Map.entry("DISPUTED", "有异议"), Map.entry("CALL_BACK", "回电"), Map.entry("NO_ANSWER", "无人接听"),
        Map.entry("REFUSED", "拒绝付款"), Map.entry("PROMISED_PAYMENT", "承诺付款"), Map.entry("CANNOT_PAY", "无力付款"),
        Map.entry("NOT_FOUND", "找不到客户"), Map.entry("WRITTEN_REMINDER", "书面催款提醒"),
        Map.entry("WRITTEN_REMINDER_NOT_SENT", "书面催款提醒未发出（无可用邮箱）"), Map.entry("FORMAL_LETTER", "正式催款函"),
        Map.entry("PROMISE_KEPT", "已履行付款承诺"), Map.entry("PROMISE_BROKEN", "未履行付款承诺"),
        Map.entry("PRE_DUE_REMINDER_NOT_SENT", "未发送到期前提醒"),
        Map.entry("REMINDER_NOT_SENT_DISPUTED", "全额异议，未发送催款提醒"),
        Map.entry("DISPUTE_CLOSED", "异议随案件结案关闭（未裁定）"));

    /**
     * A code of the contact log (channel or outcome: {@code PROMISE_TO_PAY}) as the call form shows it ("Promise to
     * pay", 承诺付款): the case file keeps the codes, the form shows words.
     */
    public String contactWord(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        if (chinese && CONTACT_ZH.containsKey(code)) {
            return CONTACT_ZH.get(code);
        }
        if (!code.equals(code.toUpperCase(java.util.Locale.ROOT))) {
            return code;
        }
        String words = code.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** ", reached X" / ", promised A by D" of a contact line in the screen language. */
    String reached(String person) {
        return chinese ? "，联系人 " + person : ", reached " + person;
    }

    String promised(String amount, String date) {
        return chinese ? "，承诺 " + amount + "，日期 " + date : ", promised " + amount + " by " + date;
    }

    String noContact() {
        return chinese ? "尚无联系记录。" : "No contact yet.";
    }

    /** A stage id ({@code FIELD_VISIT}) as the forms show it ("Field visit", 外勤催收); an unknown id as it is. */
    public String stage(Object stage) {
        if (stage == null) {
            return "-";
        }
        String id = stage.toString();
        return (chinese ? STAGE_ZH : STAGE_EN).getOrDefault(id, id);
    }

    /**
     * What is unpaid today with its parts, as the case forms show it: "49,050.72 CNY (principal 48,000.00,
     * interest 1,050.72, fees 0.00, as of 2026-12-01)".
     */
    public String outstanding(com.collectwise.money.Statement today) {
        String c = today.currency();
        return chinese
            ? CustomerCalls.spoken(today.total(), c) + " " + c + "（本金 " + CustomerCalls.spoken(today.principal(), c)
                + "，利息 " + CustomerCalls.spoken(today.interest(), c) + "，费用 " + CustomerCalls.spoken(today.fees(), c)
                + "；截至 " + today.asOf() + "）"
            : CustomerCalls.spoken(today.total(), c) + " " + c + " (principal " + CustomerCalls.spoken(today.principal(), c)
                + ", interest " + CustomerCalls.spoken(today.interest(), c) + ", fees " + CustomerCalls.spoken(today.fees(), c)
                + ", as of " + today.asOf() + ")";
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

    /** One promise of the customer: "- Kept: 500.00 CNY by 2026-03-10 (invoice INV-1)". */
    String promiseLine(String status, String amount, String currency, String date, String invoiceNumber) {
        return chinese
            ? "- " + PROMISE_STATUS_ZH.getOrDefault(status, status) + "：" + amount + " " + currency + "，承诺日期 " + date
                + "（发票 " + invoiceNumber + "）"
            : "- " + PROMISE_STATUS_EN.getOrDefault(status, status) + ": " + amount + " " + currency + " by " + date + " (invoice " + invoiceNumber + ")";
    }
}
