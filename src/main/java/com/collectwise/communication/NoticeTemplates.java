package com.collectwise.communication;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.Language;
import com.collectwise.fees.InterestBasis;
import com.collectwise.fees.InterestSettings;

/**
 * The texts of what goes out to customers, one file per notice and language under {@code templates/} (at the top of
 * the repository, beside the models; packaged into the application). A supervisor changes the wording there, in
 * git, without a Java change; the application fills in every figure. Every file is read and checked when the
 * application starts: a missing file or section, or a placeholder the notice does not know, stops the start
 * instead of reaching a customer. {@code collectwise.templates.location} may point at a folder outside the
 * application ({@code file:/etc/collectwise/templates/}) to change texts with a restart only.
 * <p>
 * File format: {@code [section]} lines start the sections, lines starting with {@code #} are comments, trailing
 * empty lines of a section are dropped; see {@link TextTemplate} for placeholders.
 */
@Component
public class NoticeTemplates {

    /** The figures every customer notice knows: the invoice, the customer and the company. */
    private static final Set<String> INVOICE = Set.of("companyName", "companyPhone", "bankAccount", "customerName",
        "decisionMaker", "invoiceNumber", "issueDate", "dueDate", "amount");

    /** What a notice about an overdue invoice knows on top: today's figures and the rate. */
    private static final Set<String> OVERDUE = union(INVOICE, Set.of("daysOverdue", "overdueDays", "asOf", "principal", "interest",
        "fees", "total", "fee", "feeAdded", "totalWithFee", "capNote", "interestLine", "feeLine", "attn",
        "letterDate", "deadline", "deadlineDays", "disputed", "demanded", "disputedLine", "interestAccrues",
        "smsDisputed"));

    /** The notices and the sections each file must have. */
    public enum Notice {
        /**
         * Rate lines shared by the notices: {@code interest.*} and {@code basis.<InterestBasis.Source>}, for an EU rate
         * on a national reference also {@code basis.STATUTORY_EU.<InterestSettings.Reference>} ({@link #basisSection}).
         */
        COMMON("common", Set.of("rate", "basis", "basisDetail", "dueDate", "cap", "currency", "compensation",
            "marginPoints"),
            commonSections()),
        PRE_DUE_REMINDER("pre-due-reminder", union(INVOICE, Set.of("interestLine", "open", "disputed", "demanded",
            "openLine", "disputedLine", "smsDisputed")),
            List.of("subject", "body", "sms", "openLine", "disputedLine", "smsDisputed")),
        OVERDUE_REMINDER("overdue-reminder", OVERDUE, List.of("subject", "body", "sms", "feeLine", "disputedLine",
            "smsDisputed")),
        /** The e-mail that goes with the formal letter. */
        DUNNING_LETTER_EMAIL("dunning-letter-email", OVERDUE, List.of("subject", "body", "attn", "feeLine",
            "disputedLine", "subjectTimeBarred", "bodyTimeBarred")),
        /** The PDF letter: the application lays out the page, the sections give its words. */
        DUNNING_LETTER("dunning-letter", OVERDUE, List.of("title", "date", "attn", "heading", "intro", "principal",
            "interest", "fees", "letterFee", "total", "rate", "demand", "ways", "consequencesHeading", "consequences",
            "closing", "contact", "signature", "totalBeforeDispute", "disputed", "titleTimeBarred", "headingTimeBarred",
            "demandTimeBarred", "consequencesTimeBarred", "closingTimeBarred")),
        /**
         * The statement of account (statements package): the words of its PDF, whose tables the application lays out
         * ({@code *Columns}: one heading per line), and of the e-mail it goes with ({@code invoiceLine} and
         * {@code totalLine*} once per invoice and currency).
         */
        STATEMENT_OF_ACCOUNT("statement-of-account", Set.of("companyName", "bankAccount", "customerName", "customerId",
            "asOf", "confirmationDays", "invoiceNumber", "dueDate", "currency", "principal", "interest", "fees", "total",
            "credit", "amount", "basisDetail"), List.of("title", "to", "heading", "invoicesHeading", "invoiceColumns", "paymentsHeading",
            "paymentColumns", "applied.OPEN", "applied.SETTLED", "applied.NOT_YET_ISSUED", "creditsHeading", "creditColumns", "kind.CREDIT_NOTE", "kind.DISCOUNT",
            "kind.INTEREST_WAIVER", "kind.FEE_WAIVER", "kind.WRITE_OFF", "kind.SALE", "compensationNote", "rateUnknownNote", "noInterestNote", "totalsHeading", "totalColumns", "totalOwed", "confirm",
            "confirmedAs", "signature", "subject", "body", "invoiceLine", "totalLine", "totalLineWithCredit",
            "closing"));

        private final String file;
        private final Set<String> names;
        private final List<String> sections;

        Notice(String file, Set<String> names, List<String> sections) {
            this.file = file;
            this.names = names;
            this.sections = sections;
        }

        /** The placeholder names the application fills for this notice. */
        public Set<String> names() {
            return names;
        }

        public List<String> sections() {
            return sections;
        }

        public String fileName(Language language) {
            return file + "." + language.code() + ".txt";
        }

        private static List<String> commonSections() {
            List<String> sections = new ArrayList<>(List.of("interest.none", "interest.unknown", "interest.rate",
                "capNote", "compensationNote", "compensationIncluded", "interestAccrues"));
            for (InterestBasis.Source source : InterestBasis.Source.values()) {
                sections.add("basis." + source.name());
            }
            for (InterestSettings.Reference reference : InterestSettings.Reference.values()) {
                if (reference != InterestSettings.Reference.ECB) {
                    sections.add("basis." + InterestBasis.Source.STATUTORY_EU.name() + "." + reference.name());
                }
            }
            return sections;
        }
    }

    /**
     * The {@code common} section that words the basis: {@code basis.<source>}; an EU statutory rate on a national
     * reference other than the ECB rate (Germany's base rate) has its own words, so that every language names the
     * reference and margin the application computed with ({@code basis.STATUTORY_EU.DE_BASE_RATE}).
     */
    static String basisSection(InterestBasis basis) {
        String section = "basis." + basis.source().name();
        return basis.source() == InterestBasis.Source.STATUTORY_EU && basis.reference() != null
            && basis.reference() != InterestSettings.Reference.ECB ? section + "." + basis.reference().name() : section;
    }

    private static final Pattern SECTION = Pattern.compile("\\[([A-Za-z][A-Za-z0-9_.]*)]\\s*");

    private final Map<Language, Map<Notice, Map<String, TextTemplate>>> templates = new EnumMap<>(Language.class);

    @Autowired
    public NoticeTemplates(ResourceLoader resources, CommunicationSettings settings) {
        this(resources, settings.templates().location());
    }

    public NoticeTemplates(ResourceLoader resources, String location) {
        String base = location.endsWith("/") ? location : location + "/";
        for (Language language : Language.values()) {
            Map<Notice, Map<String, TextTemplate>> byNotice = new EnumMap<>(Notice.class);
            for (Notice notice : Notice.values()) {
                String name = base + notice.fileName(language);
                byNotice.put(notice, parse(name, read(resources.getResource(name), name), notice));
            }
            templates.put(language, byNotice);
        }
    }

    /** @throws IllegalStateException when a placeholder of the section has no value */
    public String render(Language language, Notice notice, String section, Map<String, String> values) {
        TextTemplate template = templates.get(language).get(notice).get(section);
        if (template == null) {
            throw new IllegalArgumentException("no section [" + section + "] in " + notice.fileName(language));
        }
        return template.render(values);
    }

    private static String read(Resource resource, String name) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("notice template " + name + " cannot be read", e);
        }
    }

    static Map<String, TextTemplate> parse(String origin, String text, Notice notice) {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            Matcher header = SECTION.matcher(line);
            if (header.matches()) {
                String section = header.group(1);
                if (!notice.sections().contains(section)) {
                    throw new IllegalStateException(origin + ": unknown section [" + section + "]; expected "
                        + notice.sections());
                }
                current = new ArrayList<>();
                raw.put(section, current);
            } else if (line.startsWith("#")) {
                continue;
            } else if (current != null) {
                current.add(line);
            } else if (!line.isBlank()) {
                throw new IllegalStateException(origin + ": text before the first [section]: " + line);
            }
        }
        Map<String, TextTemplate> sections = new HashMap<>();
        for (String section : notice.sections()) {
            List<String> lines = raw.get(section);
            if (lines == null) {
                throw new IllegalStateException(origin + ": section [" + section + "] is missing");
            }
            int end = lines.size();
            while (end > 0 && lines.get(end - 1).isBlank()) {
                end--;
            }
            try {
                sections.put(section, TextTemplate.parse(origin + " [" + section + "]",
                    String.join("\n", lines.subList(0, end)), notice.names()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return sections;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
