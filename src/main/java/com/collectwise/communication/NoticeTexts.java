package com.collectwise.communication;

import com.collectwise.disputes.DisputedPart;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.Invoice;
import com.collectwise.communication.NoticeTemplates.Notice;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.CompanySettings;
import com.collectwise.kernel.Language;
import com.collectwise.fees.InterestBasis;
import com.collectwise.money.Money;
import com.collectwise.money.Statement;

/**
 * Fills the notice templates with the figures of a case, in the customer's language: amounts at the currency's
 * minor unit with the currency, the rate with its basis, dates as the reader writes them.
 */
@Component
public class NoticeTexts {

    private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    /** How amounts are written: e-mails and SMS as the ERP prints them, the letter grouped for reading. */
    public enum Amounts {
        /** CNY 12017.96 */
        PLAIN,
        /** 12,017.96 CNY */
        GROUPED
    }

    private final NoticeTemplates templates;
    private final Map<Language, String> companyNames;
    private final String companyPhone;
    private final String bankAccount;
    private final int deadlineDays;

    @Autowired
    public NoticeTexts(NoticeTemplates templates, CompanySettings company, CommunicationSettings settings) {
        this(templates, company.company().name(), company.company().nameZh(), company.company().phone(),
            company.company().bankAccount(), settings.letter().deadlineDays());
    }

    public NoticeTexts(NoticeTemplates templates, String company, String companyZh, String companyPhone,
                       String bankAccount, int deadlineDays) {
        this.templates = templates;
        this.companyNames = Map.of(Language.EN, company, Language.ZH, companyZh);
        this.companyPhone = companyPhone;
        this.bankAccount = bankAccount;
        this.deadlineDays = deadlineDays;
    }

    /** The payment deadline a formal letter of this date sets. */
    public LocalDate deadline(LocalDate letterDate) {
        return letterDate.plusDays(deadlineDays);
    }

    public String companyName(Language language) {
        return companyNames.get(language);
    }

    public String render(Customer customer, Notice notice, String section, Map<String, String> values) {
        return templates.render(customer.language(), notice, section, values);
    }

    /** The figures of a notice before the due date. */
    public Map<String, String> invoiceValues(Invoice invoice, Customer customer, Amounts amounts) {
        Language language = customer.language();
        Map<String, String> v = new HashMap<>();
        v.put("companyName", companyName(language));
        v.put("companyPhone", companyPhone);
        v.put("bankAccount", bankAccount);
        v.put("customerName", customer.name());
        v.put("decisionMaker", customer.decisionMaker() == null ? "" : customer.decisionMaker());
        v.put("invoiceNumber", invoice.invoiceNumber());
        v.put("issueDate", date(invoice.issueDate(), language));
        v.put("dueDate", date(invoice.dueDate(), language));
        v.put("amount", money(invoice.amount(), invoice.currency(), amounts));
        return v;
    }

    /** The figures of the reminder before the due date, with the rate once overdue (null: the line is left out). */
    public Map<String, String> preDueValues(Invoice invoice, Customer customer, LateCharges rate) {
        return preDueValues(invoice, customer, rate, invoice.amount(), DisputedPart.NONE);
    }

    /**
     * As above, with what is still open today ({@code open}: the amount less what was paid or credited) and the part
     * under open dispute. {@code open} and {@code demanded} (what the reminder asks for: open less what the disputes
     * withhold, never below zero) are the amount when nothing happened; {@code openLine} (the section of that name,
     * "Still open: ...") only when what is open differs from the amount, {@code disputedLine} only while a dispute is
     * open (it names {@code disputed} and states {@code demanded}); both empty otherwise, so the text is the one of
     * an untouched invoice.
     */
    public Map<String, String> preDueValues(Invoice invoice, Customer customer, LateCharges rate, BigDecimal open,
                                            DisputedPart disputed) {
        Language language = customer.language();
        String c = invoice.currency();
        Map<String, String> v = invoiceValues(invoice, customer, Amounts.PLAIN);
        v.put("interestLine", rate == null ? "" : interestLine(language, rate, invoice));
        boolean inDispute = disputed != null && disputed.any();
        v.put("open", money(open, c, Amounts.PLAIN));
        v.put("disputed", money(inDispute ? disputed.disputed() : BigDecimal.ZERO, c, Amounts.PLAIN));
        v.put("demanded", money(CollectionNotices.demanded(open, inDispute ? disputed : null), c, Amounts.PLAIN));
        v.put("openLine", Money.rounded(open, c).amount().compareTo(Money.rounded(invoice.amount(), c).amount()) != 0
            ? templates.render(language, Notice.PRE_DUE_REMINDER, "openLine", v) : "");
        v.put("disputedLine", inDispute ? templates.render(language, Notice.PRE_DUE_REMINDER, "disputedLine", v) : "");
        // the SMS names the disputed part beside what it asks for, shortly (DOMAIN.md 5)
        v.put("smsDisputed", inDispute ? templates.render(language, Notice.PRE_DUE_REMINDER, "smsDisputed", v) : "");
        return v;
    }

    /**
     * The figures of a notice about an overdue invoice: what is owed as of the statement date, the rate and its
     * basis, this notice's fee and, for the formal demand, the letter date and the deadline.
     *
     * @param feeLine the section of {@code notice} that states this notice's fee (left out without a fee)
     */
    public Map<String, String> overdueValues(Invoice invoice, Customer customer, Statement s, long daysOverdue,
                                             LateCharges charges, LocalDate letterDate, Notice notice, String feeLine,
                                             Amounts amounts) {
        return overdueValues(invoice, customer, s, daysOverdue, charges, letterDate, notice, feeLine, amounts,
            DisputedPart.NONE);
    }

    /** As below, with a disputed amount that withholds exactly itself (no interest ran on it). */
    public Map<String, String> overdueValues(Invoice invoice, Customer customer, Statement s, long daysOverdue,
                                             LateCharges charges, LocalDate letterDate, Notice notice, String feeLine,
                                             Amounts amounts, BigDecimal disputed) {
        return overdueValues(invoice, customer, s, daysOverdue, charges, letterDate, notice, feeLine, amounts,
            DisputedPart.of(disputed));
    }

    /**
     * As above, with the part of the invoice under open dispute: {@code demanded} is what the notice asks for (the
     * total with this notice's fee, less what the open disputes withhold: the disputed principal and the interest
     * that ran on it, as if they ended in credit notes; never below zero), {@code disputed} names the disputed amount
     * and {@code disputedLine} (the notice's section of that name) says why it is less; both empty of a dispute when
     * nothing is disputed.
     */
    public Map<String, String> overdueValues(Invoice invoice, Customer customer, Statement s, long daysOverdue,
                                             LateCharges charges, LocalDate letterDate, Notice notice, String feeLine,
                                             Amounts amounts, DisputedPart disputed) {
        Language language = customer.language();
        String c = invoice.currency();
        Map<String, String> v = invoiceValues(invoice, customer, amounts);
        v.put("daysOverdue", Long.toString(daysOverdue));
        v.put("overdueDays", overdueDays(daysOverdue, language));
        v.put("asOf", date(s.asOf(), language));
        v.put("principal", money(s.principal(), c, amounts));
        v.put("interest", money(s.interest(), c, amounts));
        v.put("fees", money(s.fees(), c, amounts));
        v.put("total", money(s.total(), c, amounts));
        v.put("fee", charges.noticeFee() == null ? "" : money(charges.noticeFee().amount(), c, amounts));
        v.put("feeAdded", money(charges.feeAdded(), c, amounts));
        v.put("totalWithFee", money(charges.totalWithFee(s.total()), c, amounts));
        String cap = charges.cap() == null ? "" : money(charges.cap().amount(), charges.cap().currencyCode(), amounts);
        v.put("capNote", charges.cap() == null ? "" : templates.render(language, Notice.COMMON, "capNote",
            common(charges, invoice, language, cap, "")));
        String compensation = charges.compensationUnconverted() ? templates.render(language, Notice.COMMON,
            "compensationNote", common(charges, invoice, language, "", "")) : "";
        if (charges.compensation() != null) {
            // the fees include the EUR 40 of the Directive: named, so the customer sees what the fees are
            Map<String, String> cv = common(charges, invoice, language, "", "");
            cv.put("compensation", money(charges.compensation().amount(), c, amounts));
            compensation = templates.render(language, Notice.COMMON, "compensationIncluded", cv);
        }
        // the rate line of every overdue notice (reminders, the letter and its e-mail) also says when the EU EUR 40
        // is owed but could not be converted, so the customer never reads the total as all it owes
        v.put("interestLine", interestLine(language, charges, invoice) + compensation);
        // "interest continues to accrue" only where interest runs: not for a customer who owes none (no contract or
        // segment rate, no known jurisdiction: DOMAIN.md 6), nor at a rate of 0
        v.put("interestAccrues", accrues(charges) ? templates.render(language, Notice.COMMON, "interestAccrues",
            common(charges, invoice, language, "", "")) : "");
        LocalDate letter = letterDate == null ? s.asOf() : letterDate;
        v.put("letterDate", date(letter, language));
        v.put("deadline", date(deadline(letter), language));
        v.put("deadlineDays", Integer.toString(deadlineDays));
        v.put("attn", "");
        v.put("feeLine", "");
        if (customer.decisionMaker() != null && notice.sections().contains("attn")) {
            v.put("attn", templates.render(language, notice, "attn", v));
        }
        if (charges.noticeFee() != null && feeLine != null) {
            v.put("feeLine", templates.render(language, notice, feeLine, v));
        }
        BigDecimal totalWithFee = charges.totalWithFee(s.total());
        boolean inDispute = disputed != null && disputed.any();
        v.put("disputed", money(inDispute ? disputed.disputed() : BigDecimal.ZERO, c, amounts));
        v.put("demanded", money(CollectionNotices.demanded(totalWithFee, inDispute ? disputed : null), c, amounts));
        v.put("disputedLine", inDispute && notice.sections().contains("disputedLine")
            ? templates.render(language, notice, "disputedLine", v) : "");
        v.put("smsDisputed", inDispute && notice.sections().contains("smsDisputed")
            ? templates.render(language, notice, "smsDisputed", v) : "");
        return v;
    }

    /**
     * "Late-payment interest: 4.5% p.a. (statutory (CN): ...)" or its Chinese wording. A missing rate is said in
     * words, never as 0%: the customer must not read that interest was waived when it is only unknown.
     */
    public String interestLine(Language language, LateCharges charges, Invoice invoice) {
        String rate = charges.annualPercent() == null ? ""
            : charges.annualPercent().stripTrailingZeros().toPlainString();
        String basis = templates.render(language, Notice.COMMON, NoticeTemplates.basisSection(charges.basis()),
            common(charges, invoice, language, "", rate));
        Map<String, String> values = common(charges, invoice, language, "", rate);
        values.put("basis", basis);
        String section = charges.basis().source() == InterestBasis.Source.NONE ? "interest.none"
            : charges.annualPercent() == null ? "interest.unknown" : "interest.rate";
        return templates.render(language, Notice.COMMON, section, values);
    }

    private static boolean accrues(LateCharges charges) {
        return charges.basis().source() != InterestBasis.Source.NONE
            && (charges.annualPercent() == null || charges.annualPercent().signum() > 0);
    }

    private Map<String, String> common(LateCharges charges, Invoice invoice, Language language, String cap,
                                       String rate) {
        Map<String, String> v = new HashMap<>();
        v.put("rate", rate);
        v.put("basis", "");
        v.put("basisDetail", charges.basis().description());
        v.put("marginPoints", charges.basis().marginPoints() == null ? ""
            : charges.basis().marginPoints().stripTrailingZeros().toPlainString());
        v.put("dueDate", date(invoice.dueDate(), language));
        v.put("cap", cap);
        v.put("currency", invoice.currency());
        v.put("compensation", "");
        return v;
    }

    public static long daysOverdue(Invoice invoice, LocalDate day) {
        return Math.max(0, ChronoUnit.DAYS.between(invoice.dueDate(), day));
    }

    public static String date(LocalDate date, Language language) {
        return language == Language.ZH ? CHINESE_DATE.format(date) : date.toString();
    }

    /** The days overdue in words: "1 day", "33 days" in English, "33 天" in Chinese ({@code {overdueDays}}). */
    static String overdueDays(long days, Language language) {
        return switch (language) {
            case ZH -> days + " 天";
            default -> days == 1 ? "1 day" : days + " days";
        };
    }

    /** At the currency's minor unit: JPY 1000, KWD 1.234, never 1000.00 or 1.23. */
    public static String money(BigDecimal amount, String currency, Amounts style) {
        BigDecimal rounded = Money.rounded(amount, currency).amount();
        if (style == Amounts.PLAIN) {
            return currency + " " + rounded.toPlainString();
        }
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setMinimumFractionDigits(Math.max(rounded.scale(), 0));
        format.setMaximumFractionDigits(Math.max(rounded.scale(), 0));
        return format.format(rounded) + " " + currency;
    }
}
