package com.collectwise.communication;

import com.collectwise.disputes.DisputedPart;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.collectwise.kernel.Invoice;
import com.collectwise.communication.NoticeTemplates.Notice;
import com.collectwise.communication.NoticeTexts.Amounts;
import com.collectwise.kernel.Customer;
import com.collectwise.money.Statement;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The formal dunning letter (正式催款函): a PDF stating the amounts as of the letter date, the rate and its basis,
 * the payment deadline, the ways to pay, the consequences and whom to call, in the customer's language (words from
 * {@code templates/dunning-letter.<language>.txt}). Stored once per case and demand number as evidence.
 * <p>
 * Set in Noto Sans SC (SIL OFL 1.1, fetched by the build: pom.xml profile cjk-font), which has Latin and every
 * Chinese character, so a Chinese company or decision maker prints in an English letter too. Only the glyphs a
 * letter uses are embedded (Identity-H subset): a one-page Chinese letter is some 110 KB, not 2 x 10.5 MB.
 */
@Service
public class DunningLetterService {

    public static final String KIND = "DUNNING_LETTER";

    private final DocumentRepository documents;
    private final NoticeTexts texts;
    private final BaseFont regular;
    private final BaseFont boldFace;
    private final ApplicationEventPublisher events;

    public DunningLetterService(DocumentRepository documents, NoticeTexts texts, LetterFonts fonts,
                                ApplicationEventPublisher events) {
        this.documents = documents;
        this.events = events;
        this.texts = texts;
        this.regular = fonts.regular();
        this.boldFace = fonts.bold();
    }

    /**
     * Creates (or returns the already created) letter number {@code demandNumber} of this invoice, and announces
     * the formal demand ({@link FormalDemandIssued}).
     */
    public Document create(Invoice invoice, Customer customer, Statement statement, LateCharges charges,
                           LocalDate letterDate, int demandNumber) {
        return create(invoice, customer, statement, charges, letterDate, demandNumber, DisputedPart.NONE, false);
    }

    /**
     * As above; the letter demands only what is not under open dispute ({@code disputed} is named, not demanded),
     * and a time-barred claim is asked for without threatening an agency or a suit.
     */
    public Document create(Invoice invoice, Customer customer, Statement statement, LateCharges charges,
                           LocalDate letterDate, int demandNumber, DisputedPart disputed, boolean timeBarred) {
        String key = "letter:" + invoice.invoiceNumber() + ":" + demandNumber;
        byte[] pdf = render(invoice, customer, statement, charges, letterDate, disputed, timeBarred);
        Document letter = documents.store(key, invoice.invoiceNumber(), KIND,
            "dunning-letter-" + invoice.invoiceNumber() + "-" + demandNumber + ".pdf", "application/pdf", pdf);
        // the statement of account goes with the formal demand (statements.StatementAtFormalDemand)
        events.publishEvent(new FormalDemandIssued(invoice.invoiceNumber(), customer.customerId(), letterDate,
            demandNumber));
        return letter;
    }

    public LocalDate deadline(LocalDate letterDate) {
        return texts.deadline(letterDate);
    }

    byte[] render(Invoice invoice, Customer customer, Statement s, LateCharges charges, LocalDate letterDate) {
        return render(invoice, customer, s, charges, letterDate, DisputedPart.NONE, false);
    }

    /**
     * The letter; the part under open dispute is shown and not demanded, and a time-barred claim is asked for in
     * the templates' {@code *TimeBarred} words (no agency, no suit).
     */
    byte[] render(Invoice invoice, Customer customer, Statement s, LateCharges charges, LocalDate letterDate,
                  DisputedPart disputed, boolean timeBarred) {
        Map<String, String> v = texts.overdueValues(invoice, customer, s, NoticeTexts.daysOverdue(invoice, letterDate),
            charges, letterDate, Notice.DUNNING_LETTER, null, Amounts.GROUPED, disputed);
        String barred = timeBarred ? "TimeBarred" : "";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        com.lowagie.text.Document pdf = new com.lowagie.text.Document(PageSize.A4, 56, 56, 56, 56);
        try {
            PdfWriter.getInstance(pdf, out);
            pdf.addTitle(text(customer, "title" + barred, v));
            pdf.addAuthor(v.get("companyName"));
            pdf.open();
            Font title = new Font(boldFace, 16);
            Font bold = new Font(boldFace, 10);
            Font normal = new Font(regular, 10);

            pdf.add(new Paragraph(v.get("companyName"), bold));
            pdf.add(new Paragraph(text(customer, "date", v), normal));
            pdf.add(blank(normal));
            pdf.add(new Paragraph(customer.name(), bold));
            if (customer.decisionMaker() != null) {
                pdf.add(new Paragraph(text(customer, "attn", v), normal));
            }
            pdf.add(blank(normal));
            Paragraph heading = new Paragraph(text(customer, "heading" + barred, v), title);
            heading.setAlignment(Element.ALIGN_CENTER);
            pdf.add(heading);
            pdf.add(blank(normal));
            pdf.add(new Paragraph(text(customer, "intro", v), normal));
            pdf.add(blank(normal));

            PdfPTable table = new PdfPTable(2);
            table.setWidthPercentage(70);
            row(table, text(customer, "principal", v), v.get("principal"), normal);
            row(table, text(customer, "interest", v), v.get("interest"), normal);
            row(table, text(customer, "fees", v), v.get("fees"), normal);
            if (charges.noticeFee() != null) {
                row(table, text(customer, "letterFee", v), v.get("feeAdded"), normal);
            }
            if (disputed != null && disputed.any()) {
                // collect the undisputed part first: the disputed part waits for the dispute's outcome
                row(table, text(customer, "totalBeforeDispute", v), v.get("totalWithFee"), normal);
                row(table, text(customer, "disputed", v), v.get("disputed"), normal);
            }
            row(table, text(customer, "total", v), v.get("demanded"), bold);
            pdf.add(table);
            pdf.add(blank(normal));
            // the rate and what it rests on (contract, segment policy, statute), so the customer can check the figure
            pdf.add(new Paragraph(text(customer, "rate", v), normal));
            pdf.add(blank(normal));

            pdf.add(new Paragraph(text(customer, "demand" + barred, v), bold));
            pdf.add(new Paragraph(text(customer, "ways", v), normal));
            pdf.add(blank(normal));
            pdf.add(new Paragraph(text(customer, "consequencesHeading", v), bold));
            // a time-barred claim may be asked for, but no letter threatens what the law no longer allows
            for (String consequence : text(customer, "consequences" + barred, v).split("\n")) {
                pdf.add(new Paragraph("  - " + consequence, normal));
            }
            pdf.add(blank(normal));
            pdf.add(new Paragraph(text(customer, "closing" + barred, v), normal));
            pdf.add(blank(normal));
            pdf.add(new Paragraph(text(customer, "contact", v), normal));
            pdf.add(new Paragraph(text(customer, "signature", v), normal));
            pdf.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot render the dunning letter of " + invoice.invoiceNumber(), e);
        }
        return out.toByteArray();
    }

    /** An empty line in the letter's font: Chunk.NEWLINE would bring in Helvetica, a font the PDF does not embed. */
    private static Paragraph blank(Font font) {
        return new Paragraph(" ", font);
    }

    private String text(Customer customer, String section, Map<String, String> values) {
        return texts.render(customer, Notice.DUNNING_LETTER, section, values);
    }

    private static void row(PdfPTable table, String label, String value, Font font) {
        table.addCell(new PdfPCell(new Phrase(label, font)));
        PdfPCell amount = new PdfPCell(new Phrase(value, font));
        amount.setHorizontalAlignment(Element.ALIGN_RIGHT);
        table.addCell(amount);
    }
}
