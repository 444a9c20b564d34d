package com.collectwise.statements;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.collectwise.communication.LetterFonts;
import com.collectwise.communication.NoticeTemplates;
import com.collectwise.communication.NoticeTemplates.Notice;
import com.collectwise.communication.NoticeTexts;
import com.collectwise.kernel.CompanySettings;
import com.collectwise.kernel.Language;

import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The statement of account as the PDF the customer receives (OpenPDF, laid out like the dunning letter): the open
 * invoices, the payments and credits on them, the totals per currency, and the request to confirm it. In the
 * customer's language: the words come from {@code templates/statement-of-account.<language>.txt}, the figures from
 * the statement, and it is set in the letter's embedded Noto Sans SC ({@link LetterFonts}), so Chinese prints and
 * every font of the evidence is in the file.
 */
@Component
public class StatementOfAccountPdf {

    private final NoticeTemplates templates;
    private final NoticeTexts texts;
    private final LetterFonts fonts;
    private final String bankAccount;
    private final int confirmationDays;

    public StatementOfAccountPdf(NoticeTemplates templates, NoticeTexts texts, LetterFonts fonts,
                                 CompanySettings company, StatementSettings settings) {
        this.templates = templates;
        this.texts = texts;
        this.fonts = fonts;
        this.bankAccount = company.company().bankAccount();
        this.confirmationDays = settings.confirmationDays();
    }

    public byte[] render(StatementOfAccount s, Language language) {
        Words words = new Words(templates, language, values(s, language));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        com.lowagie.text.Document pdf = new com.lowagie.text.Document(PageSize.A4.rotate(), 40, 40, 40, 40);
        try {
            PdfWriter.getInstance(pdf, out);
            pdf.addTitle(words.get("title"));
            pdf.addAuthor(texts.companyName(language));
            pdf.open();
            Font title = new Font(fonts.bold(), 16);
            Font bold = new Font(fonts.bold(), 9);
            Font normal = new Font(fonts.regular(), 9);

            pdf.add(new Paragraph(texts.companyName(language), bold));
            pdf.add(new Paragraph(words.get("to"), normal));
            pdf.add(blank(normal));
            Paragraph heading = new Paragraph(words.get("heading"), title);
            heading.setAlignment(Element.ALIGN_CENTER);
            pdf.add(heading);
            pdf.add(blank(normal));

            pdf.add(new Paragraph(words.get("invoicesHeading"), bold));
            PdfPTable invoices = table(new float[] {3, 2, 2, 1, 2, 2, 2, 2, 2, 2, 2, 2},
                words.columns("invoiceColumns", 12), bold);
            for (StatementOfAccount.InvoiceLine i : s.invoices()) {
                text(invoices, i.invoiceNumber(), normal);
                text(invoices, i.issueDate().toString(), normal);
                text(invoices, i.dueDate().toString(), normal);
                number(invoices, String.valueOf(i.daysOverdue()), normal);
                number(invoices, money(i.amount(), i.currency()), normal);
                number(invoices, money(i.credited(), i.currency()), normal);
                number(invoices, money(i.paid(), i.currency()), normal);
                number(invoices, money(i.principal(), i.currency()), normal);
                number(invoices, money(i.interest(), i.currency()), normal);
                number(invoices, money(i.fees(), i.currency()), normal);
                number(invoices, money(i.total(), i.currency()), bold);
                // part of the outstanding, not asked for while the dispute runs (DOMAIN 5: name the disputed amount)
                number(invoices, money(com.collectwise.money.Money.rounded(i.disputed() == null ? BigDecimal.ZERO
                    : i.disputed(), i.currency()).amount(), i.currency()), normal);
            }
            pdf.add(invoices);
            // what the figures lack and why (an EU invoice's EUR 40 without an exchange rate to convert it): the
            // customer reads it on the statement it is asked to confirm, not only the JSON line
            // and a late invoice without interest because its rate is unknown or no law grants one (DOMAIN 6: the
            // statement says why)
            for (StatementOfAccount.InvoiceLine i : s.invoices()) {
                if (i.rateGap() != null) {
                    pdf.add(new Paragraph(words.get(i.rateGap() == com.collectwise.fees.InterestBasis.Source.UNKNOWN
                        ? "rateUnknownNote" : "noInterestNote", Map.of("invoiceNumber", i.invoiceNumber(),
                        "basisDetail", i.rateGapDetail())), normal));
                }
                if (i.compensationUnconverted()) {
                    pdf.add(new Paragraph(words.get("compensationNote", Map.of("invoiceNumber", i.invoiceNumber(),
                        "currency", i.currency(), "dueDate", i.dueDate().toString())), normal));
                }
            }

            if (!s.payments().isEmpty()) {
                pdf.add(blank(normal));
                pdf.add(new Paragraph(words.get("paymentsHeading"), bold));
                PdfPTable payments = table(new float[] {3, 2, 2, 5, 2}, words.columns("paymentColumns", 5), bold);
                for (StatementOfAccount.PaymentLine p : s.payments()) {
                    text(payments, p.paymentReference(), normal);
                    text(payments, p.receivedOn().toString(), normal);
                    number(payments, money(p.amount(), p.currency()), normal);
                    StringBuilder applied = new StringBuilder();
                    for (StatementOfAccount.Applied a : p.applied()) {
                        // every part, settled invoices and prepayments held for a later invoice named as such
                        applied.append(applied.length() == 0 ? "" : "; ").append(words.get("applied." + a.status(),
                            Map.of("invoiceNumber", a.invoiceNumber(), "amount", money(a.amount(), p.currency()))));
                    }
                    text(payments, applied.toString(), normal);
                    number(payments, money(p.heldAsCredit(), p.currency()), normal);
                }
                pdf.add(payments);
            }

            if (!s.credits().isEmpty()) {
                pdf.add(blank(normal));
                pdf.add(new Paragraph(words.get("creditsHeading"), bold));
                PdfPTable credits = table(new float[] {3, 2, 2, 2, 5}, words.columns("creditColumns", 5), bold);
                for (StatementOfAccount.CreditLine c : s.credits()) {
                    text(credits, c.invoiceNumber(), normal);
                    text(credits, words.kind(c.kind()), normal);
                    text(credits, c.bookedOn().toString(), normal);
                    number(credits, money(c.amount(), c.currency()), normal);
                    text(credits, c.reason() == null ? "" : c.reason(), normal);
                }
                pdf.add(credits);
            }

            pdf.add(blank(normal));
            pdf.add(new Paragraph(words.get("totalsHeading"), bold));
            PdfPTable totals = table(new float[] {2, 2, 2, 2, 2, 2}, words.columns("totalColumns", 6), bold);
            for (StatementOfAccount.CurrencyTotal t : s.totals()) {
                text(totals, t.currency(), normal);
                number(totals, money(t.principal(), t.currency()), normal);
                number(totals, money(t.interest(), t.currency()), normal);
                number(totals, money(t.fees(), t.currency()), normal);
                number(totals, money(t.total(), t.currency()), bold);
                number(totals, money(t.credit(), t.currency()), normal);
            }
            pdf.add(totals);
            pdf.add(blank(normal));
            for (StatementOfAccount.CurrencyTotal t : s.totals()) {
                if (t.total().signum() > 0) {
                    pdf.add(new Paragraph(words.get("totalOwed", Map.of("total", money(t.total(), t.currency()))), bold));
                }
            }
            pdf.add(blank(normal));
            pdf.add(new Paragraph(words.get("confirm"), normal));
            pdf.add(blank(normal));
            pdf.add(new Paragraph(words.get("confirmedAs"), normal));
            pdf.add(blank(normal));
            pdf.add(new Paragraph(words.get("signature"), normal));
            pdf.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot render the statement of account of " + s.customerId(), e);
        }
        return out.toByteArray();
    }

    /** The figures of the whole statement the templates may name; per line ones are added where a line is made. */
    Map<String, String> values(StatementOfAccount s, Language language) {
        Map<String, String> v = new HashMap<>();
        v.put("companyName", texts.companyName(language));
        v.put("bankAccount", bankAccount);
        v.put("customerName", s.customerName());
        v.put("customerId", s.customerId());
        v.put("asOf", NoticeTexts.date(s.asOf(), language));
        v.put("confirmationDays", String.valueOf(confirmationDays));
        return v;
    }

    /** The statement's words in one language, with the figures of the statement filled in. */
    static final class Words {
        private final NoticeTemplates templates;
        private final Language language;
        private final Map<String, String> values;

        Words(NoticeTemplates templates, Language language, Map<String, String> values) {
            this.templates = templates;
            this.language = language;
            this.values = values;
        }

        String get(String section) {
            return templates.render(language, Notice.STATEMENT_OF_ACCOUNT, section, values);
        }

        String get(String section, Map<String, String> more) {
            Map<String, String> all = new HashMap<>(values);
            all.putAll(more);
            return templates.render(language, Notice.STATEMENT_OF_ACCOUNT, section, all);
        }

        /** One heading per line; a template with another number of columns would shift every figure. */
        String[] columns(String section, int count) {
            String[] columns = get(section).split("\n");
            if (columns.length != count) {
                throw new IllegalStateException(Notice.STATEMENT_OF_ACCOUNT.fileName(language) + " [" + section
                    + "] must name " + count + " columns, one per line; it names " + columns.length);
            }
            return columns;
        }

        /** A kind of credit in words; one the templates do not know yet as the ledger names it. */
        String kind(String kind) {
            return Notice.STATEMENT_OF_ACCOUNT.sections().contains("kind." + kind) ? get("kind." + kind) : kind;
        }
    }

    /** An empty line in the statement's font: Chunk.NEWLINE would bring in Helvetica, which the PDF does not embed. */
    private static Paragraph blank(Font font) {
        return new Paragraph(" ", font);
    }

    private static PdfPTable table(float[] widths, String[] headers, Font font) throws DocumentException {
        PdfPTable table = new PdfPTable(widths.length);
        table.setWidthPercentage(100);
        table.setWidths(widths);
        for (String h : headers) {
            text(table, h, font);
        }
        table.setHeaderRows(1);
        return table;
    }

    private static void text(PdfPTable table, String value, Font font) {
        table.addCell(new PdfPCell(new Phrase(value, font)));
    }

    private static void number(PdfPTable table, String value, Font font) {
        PdfPCell cell = new PdfPCell(new Phrase(value, font));
        cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
        table.addCell(cell);
    }

    /** As the letter writes amounts: grouped thousands, the currency's decimals, the code after the figure. */
    static String money(BigDecimal amount, String currency) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setMinimumFractionDigits(Math.max(amount.scale(), 0));
        format.setMaximumFractionDigits(Math.max(amount.scale(), 0));
        return format.format(amount) + " " + currency;
    }
}
