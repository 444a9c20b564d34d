package com.collectwise.communication;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.collectwise.cases.Invoice;
import com.collectwise.customers.Customer;
import com.collectwise.money.Statement;
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
 * The formal dunning letter (正式催款函): a PDF stating the amounts as of the letter date, the payment
 * deadline, the ways to pay and the legal consequences. Stored once per case and demand number as evidence.
 */
@Service
public class DunningLetterService {

    public static final String KIND = "DUNNING_LETTER";

    private final DocumentRepository documents;
    private final String company;
    private final String bankAccount;
    private final int deadlineDays;
    private final ApplicationEventPublisher events;

    public DunningLetterService(DocumentRepository documents, ApplicationEventPublisher events,
                                @Value("${collectwise.company.name:Collectwise Demo Trading Co., Ltd.}") String company,
                                @Value("${collectwise.company.bank-account:see your invoice}") String bankAccount,
                                @Value("${collectwise.letter.deadline-days:7}") int deadlineDays) {
        this.documents = documents;
        this.events = events;
        this.company = company;
        this.bankAccount = bankAccount;
        this.deadlineDays = deadlineDays;
    }

    /**
     * Creates (or returns the already created) letter number {@code demandNumber} of this invoice, and announces
     * the formal demand ({@link FormalDemandIssued}).
     */
    public Document create(Invoice invoice, Customer customer, Statement statement, LateCharges charges,
                           LocalDate letterDate, int demandNumber) {
        String key = "letter:" + invoice.invoiceNumber() + ":" + demandNumber;
        byte[] pdf = render(invoice, customer, statement, charges, letterDate);
        Document letter = documents.store(key, invoice.invoiceNumber(), KIND,
            "dunning-letter-" + invoice.invoiceNumber() + "-" + demandNumber + ".pdf", "application/pdf", pdf);
        // the statement of account goes with the formal demand (statements.StatementAtFormalDemand)
        events.publishEvent(new FormalDemandIssued(invoice.invoiceNumber(), customer.customerId(), letterDate,
            demandNumber));
        return letter;
    }

    public LocalDate deadline(LocalDate letterDate) {
        return letterDate.plusDays(deadlineDays);
    }

    byte[] render(Invoice invoice, Customer customer, Statement s, LateCharges charges, LocalDate letterDate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        com.lowagie.text.Document pdf = new com.lowagie.text.Document(PageSize.A4, 56, 56, 56, 56);
        try {
            PdfWriter.getInstance(pdf, out);
            pdf.addTitle("Formal demand for payment - invoice " + invoice.invoiceNumber());
            pdf.addAuthor(company);
            pdf.open();
            Font title = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
            Font bold = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);
            Font normal = FontFactory.getFont(FontFactory.HELVETICA, 10);

            pdf.add(new Paragraph(company, bold));
            pdf.add(new Paragraph("Date: " + letterDate, normal));
            pdf.add(Chunk.NEWLINE);
            pdf.add(new Paragraph(customer.name(), bold));
            if (customer.decisionMaker() != null) {
                pdf.add(new Paragraph("Attn: " + customer.decisionMaker(), normal));
            }
            pdf.add(Chunk.NEWLINE);
            Paragraph heading = new Paragraph("FORMAL DEMAND FOR PAYMENT", title);
            heading.setAlignment(Element.ALIGN_CENTER);
            pdf.add(heading);
            pdf.add(Chunk.NEWLINE);
            pdf.add(new Paragraph("Invoice " + invoice.invoiceNumber() + " issued on " + invoice.issueDate()
                + " was due for payment on " + invoice.dueDate() + ". Despite our reminders it remains unpaid. "
                + "As of " + letterDate + " you owe us:", normal));
            pdf.add(Chunk.NEWLINE);

            PdfPTable table = new PdfPTable(2);
            table.setWidthPercentage(70);
            row(table, "Principal", money(s.principal(), s.currency()), normal);
            row(table, "Late-payment interest", money(s.interest(), s.currency()), normal);
            row(table, "Fees and compensation", money(s.fees(), s.currency()), normal);
            if (charges.noticeFee() != null) {
                row(table, "Fee for this letter" + charges.capNote(), money(charges.feeAdded(), s.currency()), normal);
            }
            BigDecimal total = charges.totalWithFee(s.total());
            row(table, "Total due", money(total, s.currency()), bold);
            pdf.add(table);
            pdf.add(Chunk.NEWLINE);
            // the rate and what it rests on (contract, segment policy, statute), so the customer can check the figure
            pdf.add(new Paragraph(charges.interestLine() + ".", normal));
            pdf.add(Chunk.NEWLINE);

            pdf.add(new Paragraph("We demand payment of " + money(total, s.currency()) + " no later than "
                + deadline(letterDate) + ". Interest continues to accrue until the day of payment.", bold));
            pdf.add(new Paragraph("Ways to pay: bank transfer to " + bankAccount + ", Alipay, WeChat Pay or card. "
                + "Please quote the invoice number " + invoice.invoiceNumber() + ".", normal));
            pdf.add(Chunk.NEWLINE);
            pdf.add(new Paragraph("If payment is not received by that date:", bold));
            for (String consequence : new String[] {
                "no further deliveries will be made to you while the debt is overdue (credit hold);",
                "the claim may be handed to a collection agency, whose costs may be charged to you;",
                "we may bring legal proceedings for the full amount, interest and costs without further notice.",
            }) {
                pdf.add(new Paragraph("  - " + consequence, normal));
            }
            pdf.add(Chunk.NEWLINE);
            pdf.add(new Paragraph("This letter is a demand for payment and interrupts the limitation period. "
                + "If you dispute the claim or cannot pay in full, contact us before the deadline: we will listen and "
                + "can agree an instalment plan.", normal));
            pdf.add(Chunk.NEWLINE);
            pdf.add(new Paragraph(company + " - Credit management", normal));
            pdf.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot render the dunning letter of " + invoice.invoiceNumber(), e);
        }
        return out.toByteArray();
    }

    private static void row(PdfPTable table, String label, String value, Font font) {
        table.addCell(new PdfPCell(new Phrase(label, font)));
        PdfPCell amount = new PdfPCell(new Phrase(value, font));
        amount.setHorizontalAlignment(Element.ALIGN_RIGHT);
        table.addCell(amount);
    }

    static String money(BigDecimal amount, String currency) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setMinimumFractionDigits(amount.scale() > 0 ? amount.scale() : 0);
        format.setMaximumFractionDigits(Math.max(amount.scale(), 0));
        return format.format(amount) + " " + currency;
    }
}
