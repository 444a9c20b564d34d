package com.collectwise.statements;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.lowagie.text.Chunk;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The statement of account as the PDF the customer receives (OpenPDF, laid out like the dunning letter): the open
 * invoices, the payments and credits on them, the totals per currency, and the request to confirm it.
 */
@Component
public class StatementOfAccountPdf {

    private final String company;
    private final String bankAccount;
    private final int confirmationDays;

    public StatementOfAccountPdf(@Value("${collectwise.company.name:Collectwise Demo Trading Co., Ltd.}") String company,
                                 @Value("${collectwise.company.bank-account:see your invoice}") String bankAccount,
                                 @Value("${collectwise.statement.confirmation-days:10}") int confirmationDays) {
        this.company = company;
        this.bankAccount = bankAccount;
        this.confirmationDays = confirmationDays;
    }

    public byte[] render(StatementOfAccount s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        com.lowagie.text.Document pdf = new com.lowagie.text.Document(PageSize.A4.rotate(), 40, 40, 40, 40);
        try {
            PdfWriter.getInstance(pdf, out);
            pdf.addTitle("Statement of account - " + s.customerName() + " - " + s.asOf());
            pdf.addAuthor(company);
            pdf.open();
            Font title = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
            Font bold = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);
            Font normal = FontFactory.getFont(FontFactory.HELVETICA, 9);

            pdf.add(new Paragraph(company, bold));
            pdf.add(new Paragraph("To: " + s.customerName() + " (customer " + s.customerId() + ")", normal));
            pdf.add(Chunk.NEWLINE);
            Paragraph heading = new Paragraph("STATEMENT OF ACCOUNT as of " + s.asOf(), title);
            heading.setAlignment(Element.ALIGN_CENTER);
            pdf.add(heading);
            pdf.add(Chunk.NEWLINE);

            pdf.add(new Paragraph("Open invoices", bold));
            PdfPTable invoices = table(new float[] {3, 2, 2, 1, 2, 2, 2, 2, 2, 2, 2},
                new String[] {"Invoice", "Issued", "Due", "Days late", "Amount", "Credited", "Paid", "Principal",
                    "Interest", "Fees", "Outstanding"}, bold);
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
            }
            pdf.add(invoices);

            if (!s.payments().isEmpty()) {
                pdf.add(Chunk.NEWLINE);
                pdf.add(new Paragraph("Payments received", bold));
                PdfPTable payments = table(new float[] {3, 2, 2, 5, 2},
                    new String[] {"Reference", "Received", "Amount", "Applied to", "Held as credit"}, bold);
                for (StatementOfAccount.PaymentLine p : s.payments()) {
                    text(payments, p.paymentReference(), normal);
                    text(payments, p.receivedOn().toString(), normal);
                    number(payments, money(p.amount(), p.currency()), normal);
                    StringBuilder applied = new StringBuilder();
                    for (StatementOfAccount.Applied a : p.applied()) {
                        applied.append(applied.length() == 0 ? "" : "; ").append(a.invoiceNumber()).append(' ')
                            .append(money(a.amount(), p.currency()));
                    }
                    text(payments, applied.toString(), normal);
                    number(payments, money(p.heldAsCredit(), p.currency()), normal);
                }
                pdf.add(payments);
            }

            if (!s.credits().isEmpty()) {
                pdf.add(Chunk.NEWLINE);
                pdf.add(new Paragraph("Credits", bold));
                PdfPTable credits = table(new float[] {3, 2, 2, 2, 5},
                    new String[] {"Invoice", "Kind", "Date", "Amount", "Reason"}, bold);
                for (StatementOfAccount.CreditLine c : s.credits()) {
                    text(credits, c.invoiceNumber(), normal);
                    text(credits, c.kind(), normal);
                    text(credits, c.bookedOn().toString(), normal);
                    number(credits, money(c.amount(), c.currency()), normal);
                    text(credits, c.reason() == null ? "" : c.reason(), normal);
                }
                pdf.add(credits);
            }

            pdf.add(Chunk.NEWLINE);
            pdf.add(new Paragraph("Totals", bold));
            PdfPTable totals = table(new float[] {2, 2, 2, 2, 2, 2},
                new String[] {"Currency", "Principal", "Interest", "Fees", "Total owed", "Your credit"}, bold);
            for (StatementOfAccount.CurrencyTotal t : s.totals()) {
                text(totals, t.currency(), normal);
                number(totals, money(t.principal(), t.currency()), normal);
                number(totals, money(t.interest(), t.currency()), normal);
                number(totals, money(t.fees(), t.currency()), normal);
                number(totals, money(t.total(), t.currency()), bold);
                number(totals, money(t.credit(), t.currency()), normal);
            }
            pdf.add(totals);
            pdf.add(Chunk.NEWLINE);
            for (StatementOfAccount.CurrencyTotal t : s.totals()) {
                if (t.total().signum() > 0) {
                    pdf.add(new Paragraph("Total owed as of " + s.asOf() + ": " + money(t.total(), t.currency()), bold));
                }
            }
            pdf.add(Chunk.NEWLINE);
            pdf.add(new Paragraph("Please check this statement and confirm it within " + confirmationDays
                + " days: sign and return it, or reply to the e-mail it came with. If an item is wrong, tell us which "
                + "one and why, with your remittance proof where you have paid. Interest continues to accrue on "
                + "overdue amounts until the day of payment. Ways to pay: bank transfer to " + bankAccount
                + ", Alipay, WeChat Pay or card; please quote the invoice numbers.", normal));
            pdf.add(Chunk.NEWLINE);
            pdf.add(new Paragraph("Confirmed as correct on ______________  by ______________________  "
                + "(name, position, company seal)", normal));
            pdf.add(Chunk.NEWLINE);
            pdf.add(new Paragraph(company + " - Credit management", normal));
            pdf.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot render the statement of account of " + s.customerId(), e);
        }
        return out.toByteArray();
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
