package com.collectwise.communication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.io.DefaultResourceLoader;

import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Stage;
import com.collectwise.communication.NoticeTemplates.Notice;
import com.collectwise.communication.NoticeTexts.Amounts;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Language;
import com.collectwise.kernel.Segment;
import com.collectwise.fees.InterestBasis;
import com.collectwise.money.DailyRate;
import com.collectwise.money.Money;
import com.collectwise.money.Statement;

/** The templates of templates/ (as packaged) filled with one case's figures, in both languages. */
class NoticeTemplatesTest {

    final NoticeTemplates templates = new NoticeTemplates(new DefaultResourceLoader(), "classpath:templates/");
    final NoticeTexts texts = new NoticeTexts(templates, "Collectwise Demo Trading Co., Ltd.", "科立威演示贸易有限公司",
        "+86 21 5555 0100", "ICBC 1001 2345 6789", 7);

    final Invoice invoice = new Invoice("INV-T-1", "C-T", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), 30,
        new BigDecimal("12000.00"), "CNY", null, CaseStatus.OPEN, Stage.FORMAL_DEMAND, null, null);
    final Statement statement = new Statement("INV-T-1", "CNY", LocalDate.of(2026, 3, 5), new BigDecimal("12000.00"),
        new BigDecimal("62.96"), new BigDecimal("15.00"), new BigDecimal("12077.96"));
    final InterestBasis basis = new InterestBasis(InterestBasis.Source.STATUTORY_CN,
        "statutory (CN): one-year LPR 3.00% on the due date 2026-01-31 x 1.5 = 4.5% p.a.",
        DailyRate.fixed(new BigDecimal("4.5")));
    final LateCharges charges = LateCharges.of(basis, LocalDate.of(2026, 3, 5), Money.of("15.00", "CNY"));

    Customer customer(Language language) {
        return new Customer("C-T", language == Language.ZH ? "华东机械有限公司" : "Hamburg Maschinen GmbH",
            Segment.SMALL_BUSINESS, language == Language.ZH ? "CN" : "DE", "ap@example.com", "+86 138 0000 0000",
            "chen", language == Language.ZH ? "张伟" : "Ms. Weber", Instant.now());
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everySectionOfEveryNoticeRendersWithTheCaseFiguresAndNoPlaceholderLeft(Language language) {
        Customer customer = customer(language);
        assertThat(customer.language()).isEqualTo(language);
        for (Notice notice : List.of(Notice.PRE_DUE_REMINDER, Notice.OVERDUE_REMINDER, Notice.DUNNING_LETTER_EMAIL,
            Notice.DUNNING_LETTER)) {
            Map<String, String> values = notice == Notice.PRE_DUE_REMINDER
                ? texts.preDueValues(invoice, customer, LateCharges.of(basis, invoice.dueDate().plusDays(1), null))
                : texts.overdueValues(invoice, customer, statement, 33, charges, LocalDate.of(2026, 3, 5), notice,
                    notice.sections().contains("feeLine") ? "feeLine" : null, Amounts.PLAIN);
            assertThat(values.keySet()).as("the application fills every name %s allows", notice)
                .containsAll(notice.names());
            for (String section : notice.sections()) {
                String text = texts.render(customer, notice, section, values);
                assertThat(text).as("%s [%s] in %s", notice, section, language).isNotBlank()
                    .doesNotContain("{", "}");
            }
        }
    }

    @Test
    void theChineseOverdueReminderStatesAmountsRateBasisAndFee() {
        Customer customer = customer(Language.ZH);
        Map<String, String> v = texts.overdueValues(invoice, customer, statement, 33, charges, null,
            Notice.OVERDUE_REMINDER, "feeLine", Amounts.PLAIN);

        String body = texts.render(customer, Notice.OVERDUE_REMINDER, "body", v);
        assertThat(body).contains("华东机械有限公司：", "发票 INV-T-1 已于 2026年1月31日 到期，至今逾期 33 天",
            "CNY 12077.96", "本金 CNY 12000.00", "逾期利息 CNY 62.96", "费用 CNY 15.00",
            "逾期费率：年利率 4.5%", "到期日（2026年1月31日）一年期贷款市场报价利率（LPR）的 1.5 倍",
            "本次提醒收取提醒费 CNY 15.00", "请支付合计 CNY 12092.96", "科立威演示贸易有限公司");
        assertThat(texts.render(customer, Notice.OVERDUE_REMINDER, "sms", v))
            .isEqualTo("【科立威演示贸易有限公司】发票 INV-T-1 已逾期 33 天，请于今日支付 CNY 12092.96。");
    }

    @Test
    void theEnglishReminderKeepsTheBasisTheApplicationComputedAndLeavesOutAnAbsentFee() {
        Customer customer = customer(Language.EN);
        LateCharges noFee = LateCharges.of(basis, LocalDate.of(2026, 3, 5), null);
        Map<String, String> v = texts.overdueValues(invoice, customer, statement, 33, noFee, null,
            Notice.OVERDUE_REMINDER, "feeLine", Amounts.PLAIN);

        assertThat(texts.render(customer, Notice.OVERDUE_REMINDER, "body", v)).isEqualTo("""
            Dear Hamburg Maschinen GmbH,

            invoice INV-T-1 was due on 2026-01-31 and is 33 days overdue. Outstanding today: CNY 12077.96 \
            (principal CNY 12000.00, interest CNY 62.96, fees CNY 15.00).
            Late-payment interest: 4.5% p.a. (statutory (CN): one-year LPR 3.00% on the due date 2026-01-31 x 1.5 \
            = 4.5% p.a.).
            Please pay today. Your collector will call you.""");
    }

    /**
     * Fault: the overdue reminder's SMS asked for the undisputed part without naming the disputed one (DOMAIN.md 5:
     * every reminder shows the undisputed amount and names the disputed one). Outstanding 12,077.96, no fee, 3,000.00
     * under open dispute: asks for 12,077.96 - 3,000.00 = 9,077.96 and names the 3,000.00, shortly; without a dispute
     * the text is as before.
     */
    @Test
    void theOverdueSmsNamesTheDisputedAmountBesideTheUndisputedOne() {
        LateCharges noFee = LateCharges.of(basis, LocalDate.of(2026, 3, 5), null);
        Customer en = customer(Language.EN);
        Map<String, String> v = texts.overdueValues(invoice, en, statement, 33, noFee, null,
            Notice.OVERDUE_REMINDER, "feeLine", Amounts.PLAIN, new BigDecimal("3000.00"));
        assertThat(texts.render(en, Notice.OVERDUE_REMINDER, "sms", v)).isEqualTo(
            "Invoice INV-T-1 is 33 days overdue: please pay CNY 9077.96 today (CNY 3000.00 disputed, not asked for).");
        Customer zh = customer(Language.ZH);
        Map<String, String> z = texts.overdueValues(invoice, zh, statement, 33, noFee, null,
            Notice.OVERDUE_REMINDER, "feeLine", Amounts.PLAIN, new BigDecimal("3000.00"));
        assertThat(texts.render(zh, Notice.OVERDUE_REMINDER, "sms", z)).isEqualTo(
            "【科立威演示贸易有限公司】发票 INV-T-1 已逾期 33 天，请于今日支付 CNY 9077.96（CNY 3000.00 有异议，暂不催收）。");
        Map<String, String> undisputed = texts.overdueValues(invoice, en, statement, 33, noFee, null,
            Notice.OVERDUE_REMINDER, "feeLine", Amounts.PLAIN);
        assertThat(texts.render(en, Notice.OVERDUE_REMINDER, "sms", undisputed))
            .isEqualTo("Invoice INV-T-1 is 33 days overdue: please pay CNY 12077.96 today.");
    }

    /** The first overdue reminder goes out the day after the due date: "1 day overdue", not "1 days overdue". */
    @Test
    void oneDayOverdueIsSaidInTheSingular() {
        Customer en = customer(Language.EN);
        LateCharges noFee = LateCharges.of(basis, LocalDate.of(2026, 2, 1), null);
        Map<String, String> v = texts.overdueValues(invoice, en, statement, 1, noFee, null,
            Notice.OVERDUE_REMINDER, "feeLine", Amounts.PLAIN);
        assertThat(texts.render(en, Notice.OVERDUE_REMINDER, "body", v))
            .contains("was due on 2026-01-31 and is 1 day overdue.");
        assertThat(texts.render(en, Notice.OVERDUE_REMINDER, "sms", v)).startsWith("Invoice INV-T-1 is 1 day overdue:");
        Map<String, String> two = texts.overdueValues(invoice, en, statement, 2, noFee, null,
            Notice.OVERDUE_REMINDER, "feeLine", Amounts.PLAIN);
        assertThat(texts.render(en, Notice.OVERDUE_REMINDER, "sms", two)).startsWith("Invoice INV-T-1 is 2 days overdue:");
        Customer zh = customer(Language.ZH);
        Map<String, String> z = texts.overdueValues(invoice, zh, statement, 1, noFee, null,
            Notice.OVERDUE_REMINDER, "feeLine", Amounts.PLAIN);
        assertThat(texts.render(zh, Notice.OVERDUE_REMINDER, "sms", z)).contains("已逾期 1 天，");
    }

    @Test
    void theReminderBeforeTheDueDateStatesTheRateOfLatePayment() {
        Customer customer = customer(Language.ZH);
        Map<String, String> v = texts.preDueValues(invoice, customer,
            LateCharges.of(basis, invoice.dueDate().plusDays(1), null));

        assertThat(texts.render(customer, Notice.PRE_DUE_REMINDER, "body", v))
            .contains("发票 INV-T-1，金额 CNY 12000.00，将于 2026年1月31日 到期", "逾期费率：年利率 4.5%",
                "ICBC 1001 2345 6789");
        Map<String, String> without = texts.preDueValues(invoice, customer(Language.EN), null);
        assertThat(texts.render(customer(Language.EN), Notice.PRE_DUE_REMINDER, "body", without))
            .doesNotContain("interest").contains("please quote the invoice number.\nIf you have paid already");
    }

    /**
     * Before the due date 4,000.00 of the 12,000.00 were paid and 3,000.00 of the rest is disputed: the e-mail keeps
     * the amount and states the 8,000.00 open, names the 3,000.00 and asks for 8,000.00 - 3,000.00 = 5,000.00; the SMS
     * gives only what is asked for. In both languages.
     */
    @Test
    void theReminderBeforeTheDueDateStatesWhatIsOpenAndNamesTheDisputedPart() {
        com.collectwise.disputes.DisputedPart disputed = com.collectwise.disputes.DisputedPart.of(new BigDecimal("3000.00"));
        Customer en = customer(Language.EN);
        Map<String, String> v = texts.preDueValues(invoice, en, null, new BigDecimal("8000.00"), disputed);
        assertThat(texts.render(en, Notice.PRE_DUE_REMINDER, "body", v))
            .contains("invoice INV-T-1 over CNY 12000.00 is due on 2026-01-31.\n"
                + "Still open after the payments and credits received so far: CNY 8000.00.\n"
                + "Of this, CNY 3000.00 is disputed: we do not ask for it until the dispute is decided. "
                + "Undisputed and due on 2026-01-31: CNY 5000.00.\nYou can pay");
        // the SMS names the disputed part beside what it asks for (DOMAIN.md 5: every reminder shows the undisputed
        // amount and names the disputed one; before, the SMS gave only the 5,000.00)
        assertThat(texts.render(en, Notice.PRE_DUE_REMINDER, "sms", v))
            .isEqualTo("Reminder: invoice INV-T-1 (CNY 5000.00; CNY 3000.00 disputed, not asked for) is due on "
                + "2026-01-31.");

        Customer zh = customer(Language.ZH);
        Map<String, String> z = texts.preDueValues(invoice, zh, null, new BigDecimal("8000.00"), disputed);
        assertThat(texts.render(zh, Notice.PRE_DUE_REMINDER, "body", z))
            .contains("金额 CNY 12000.00，将于 2026年1月31日 到期", "尚未结清金额为 CNY 8000.00",
                "其中 CNY 3000.00 存在异议", "无异议且应于 2026年1月31日 支付的金额为 CNY 5000.00");
        assertThat(texts.render(zh, Notice.PRE_DUE_REMINDER, "sms", z)).contains("（CNY 5000.00，CNY 3000.00 有异议，暂不催收）");

        // nothing paid, credited or disputed: the text of the amount, without either line
        Map<String, String> untouched = texts.preDueValues(invoice, en, null, new BigDecimal("12000.00"),
            com.collectwise.disputes.DisputedPart.NONE);
        assertThat(texts.render(en, Notice.PRE_DUE_REMINDER, "body", untouched))
            .isEqualTo(texts.render(en, Notice.PRE_DUE_REMINDER, "body", texts.preDueValues(invoice, en, null)))
            .contains("is due on 2026-01-31.\nYou can pay").doesNotContain("Still open").doesNotContain("disputed");
        assertThat(texts.render(en, Notice.PRE_DUE_REMINDER, "sms", untouched))
            .isEqualTo("Reminder: invoice INV-T-1 (CNY 12000.00) is due on 2026-01-31.");
    }

    @Test
    void aMissingRateIsSaidInWordsInBothLanguages() {
        LateCharges unknown = LateCharges.of(new InterestBasis(InterestBasis.Source.UNKNOWN, "rate unknown: no LPR",
            DailyRate.none()), LocalDate.of(2026, 3, 5), null);
        assertThat(texts.interestLine(Language.ZH, unknown, invoice)).startsWith("逾期利息：利率暂缺")
            .doesNotContain("0%");
        assertThat(texts.interestLine(Language.EN, unknown, invoice))
            .isEqualTo("Late-payment interest: rate unknown (rate unknown: no LPR)");
    }

    /**
     * Germany (BGB section 288(2)): the German base rate + 9 points, as application.yaml sets it. The English line
     * (the application's own description) named the German base rate + 9 points, the Chinese one "the ECB reference
     * rate + the legal margin", a rate no German law names: both now name the same reference and margin. The basis as
     * the policy computes it for a DE customer, 10,000.00 EUR due 2024-06-20, as of 2024-07-10: ECB H2 2024 4.25, base
     * rate 4.25 - 0.88 = 3.37, + 9 = 12.37% p.a. France (ECB + 10 points): ECB 4.25 + 10 = 14.25.
     */
    @Test
    void aGermanInvoicesRateIsTheBaseRatePlusNineInChineseAsInEnglish() {
        java.util.TreeMap<LocalDate, BigDecimal> ecb = new java.util.TreeMap<>(Map.of(LocalDate.of(2024, 1, 1),
            new BigDecimal("4.50"), LocalDate.of(2024, 7, 1), new BigDecimal("4.25")));
        com.collectwise.fees.InterestSettings settings = new com.collectwise.fees.InterestSettings("CN",
            new com.collectwise.fees.InterestSettings.Eu(new BigDecimal("8"), Map.of(
                "DE", new com.collectwise.fees.InterestSettings.Country(new BigDecimal("9"),
                    com.collectwise.fees.InterestSettings.Reference.DE_BASE_RATE),
                "FR", new com.collectwise.fees.InterestSettings.Country(new BigDecimal("10"),
                    com.collectwise.fees.InterestSettings.Reference.ECB))));
        com.collectwise.fees.InterestRatePolicy policy = new com.collectwise.fees.InterestRatePolicy(
            com.collectwise.fees.RateTable.empty(), com.collectwise.fees.RateTable.of(ecb), settings);
        Invoice german = new Invoice("INV-DE-1", "C-DE", LocalDate.of(2024, 5, 21), LocalDate.of(2024, 6, 20), 30,
            new BigDecimal("10000.00"), "EUR", null, CaseStatus.OPEN, Stage.FORMAL_DEMAND, null, null);
        LocalDate asOf = LocalDate.of(2024, 7, 10);
        LateCharges de = LateCharges.of(policy.basisFor(german, "DE", com.collectwise.fees.LateFeePolicy.DEFAULT),
            asOf, null);

        assertThat(texts.interestLine(Language.EN, de, german)).isEqualTo("Late-payment interest: 12.37% p.a."
            + " (statutory (EU B2B, Directive 2011/7/EU, DE): German base rate (Basiszinssatz, BGB section 247: the ECB"
            + " main refinancing rate in force on 1 January / 1 July of each half-year less 0.88 points) + 9 points)");
        assertThat(texts.interestLine(Language.ZH, de, german)).isEqualTo("逾期费率：年利率 12.37%，按实际逾期天数/365 计算"
            + "（依据：欧盟《商业交易迟延付款指令》（2011/7/EU），德国基础利率（Basiszinssatz，《德国民法典》第247条："
            + "每半年以1月1日或7月1日有效的欧洲央行主要再融资利率减0.88个百分点）加 9 个百分点）");

        LateCharges fr = LateCharges.of(policy.basisFor(german, "FR", com.collectwise.fees.LateFeePolicy.DEFAULT),
            asOf, null);
        assertThat(texts.interestLine(Language.ZH, fr, german)).isEqualTo("逾期费率：年利率 14.25%，按实际逾期天数/365 计算"
            + "（依据：欧盟《商业交易迟延付款指令》（2011/7/EU），每半年以1月1日或7月1日有效的欧洲央行主要再融资利率加 10 个百分点）");
    }

    @Test
    void amountsAreWrittenAtTheCurrencysMinorUnit() {
        assertThat(NoticeTexts.money(new BigDecimal("1000"), "JPY", Amounts.GROUPED)).isEqualTo("1,000 JPY");
        assertThat(NoticeTexts.money(new BigDecimal("1.2345"), "KWD", Amounts.PLAIN)).isEqualTo("KWD 1.235");
        assertThat(NoticeTexts.money(new BigDecimal("12017.9"), "CNY", Amounts.GROUPED)).isEqualTo("12,017.90 CNY");
    }

    @Test
    void anUnknownPlaceholderIsRefusedWhenTheTemplateIsRead() {
        assertThatThrownBy(() -> NoticeTemplates.parse("pre-due-reminder.zh.txt",
            "[subject]\n发票 {invoiceNumber} 罚款 {penalty}\n[body]\nx\n[sms]\ny\n", Notice.PRE_DUE_REMINDER))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown placeholder {penalty}")
            .hasMessageContaining("pre-due-reminder.zh.txt [subject]");
        // a name known elsewhere but not before the due date: the pre-due reminder has no overdue figures
        assertThatThrownBy(() -> NoticeTemplates.parse("x", "[subject]\n{daysOverdue}\n[body]\nx\n[sms]\ny\n",
            Notice.PRE_DUE_REMINDER)).hasMessageContaining("unknown placeholder {daysOverdue}");
    }

    @Test
    void expressionsAreNotPlaceholders() {
        for (String hostile : List.of("${T(java.lang.Runtime).getRuntime()}", "{customer.name}", "{amount * 2}",
            "{#if x}", "{}")) {
            assertThatThrownBy(() -> TextTemplate.parse("t", hostile, Set.of("amount", "customer")))
                .as(hostile).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aMissingSectionOrAValueTheApplicationDidNotGiveFailsLoudly() {
        assertThatThrownBy(() -> NoticeTemplates.parse("x", "[subject]\na\n[body]\nb\n", Notice.PRE_DUE_REMINDER))
            .hasMessageContaining("section [sms] is missing");
        TextTemplate t = TextTemplate.parse("t", "pay {amount}", Set.of("amount"));
        assertThatThrownBy(() -> t.render(Map.of())).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("no value for {amount}");
    }

    @Test
    void bracesAreWrittenDoubledAndALineOfOneEmptyPlaceholderIsLeftOut() {
        TextTemplate t = TextTemplate.parse("t", "a {{literal}}\n{optional}\nb {x}", Set.of("optional", "x"));
        assertThat(t.render(Map.of("optional", "", "x", "1"))).isEqualTo("a {literal}\nb 1");
        assertThat(t.render(Map.of("optional", "fee", "x", "1"))).isEqualTo("a {literal}\nfee\nb 1");
    }

    @Test
    void everyLanguageHasEveryNotice() {
        List<String> files = new ArrayList<>();
        for (Notice notice : Notice.values()) {
            for (Language language : Language.values()) {
                files.add(notice.fileName(language));
                assertThat(new DefaultResourceLoader().getResource("classpath:templates/" + notice.fileName(language))
                    .exists()).as(notice.fileName(language)).isTrue();
            }
        }
        assertThat(files).hasSize(Notice.values().length * Language.values().length);
    }
}
