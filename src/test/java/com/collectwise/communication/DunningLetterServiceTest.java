package com.collectwise.communication;

import com.collectwise.disputes.DisputedPart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Stage;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Language;
import com.collectwise.kernel.Segment;
import com.collectwise.money.DailyRate;
import com.collectwise.fees.InterestBasis;
import com.collectwise.money.Money;
import com.collectwise.money.Statement;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

@SpringBootTest
@ActiveProfiles("test")
class DunningLetterServiceTest {

    @Autowired
    DunningLetterService letters;

    @Autowired
    DocumentRepository documents;

    final Invoice invoice = new Invoice("INV-LETTER-1", "C-L1", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), 30,
        new BigDecimal("10000.00"), "CNY", null, CaseStatus.OPEN, Stage.FORMAL_DEMAND, null, null);
    final Customer customer = new Customer("C-L1", "Huadong Machinery Ltd", Segment.DOMESTIC, "CN", "ap@huadong.test",
        null, "chen", "Mr. Zhang", Instant.now(), Language.EN);
    final Customer chinese = new Customer("C-L2", "华东机械有限公司", Segment.DOMESTIC, "CN", "ap@huadong.test",
        null, "chen", "张伟", Instant.now());
    final Statement statement = new Statement("INV-LETTER-1", "CNY", LocalDate.of(2026, 2, 10),
        new BigDecimal("10000.00"), new BigDecimal("32.88"), new BigDecimal("0.00"), new BigDecimal("10032.88"));
    final InterestBasis statutory = new InterestBasis(InterestBasis.Source.STATUTORY_CN,
        "statutory (CN): one-year LPR 3.85% on the due date 2026-01-31 x 1.5 = 5.775% p.a.",
        DailyRate.fixed(new BigDecimal("5.775")));
    final LateCharges noFee = LateCharges.of(statutory, LocalDate.of(2026, 2, 10), null);

    @Test
    void theLetterIsAPdfStatingInvoiceAmountsAndDeadline() throws Exception {
        Document letter = letters.create(invoice, customer, statement, noFee, LocalDate.of(2026, 2, 10), 1);

        assertThat(letter.mediaType()).isEqualTo("application/pdf");
        assertThat(new String(letter.content(), 0, 5)).isEqualTo("%PDF-");
        String text = text(letter);
        assertThat(text).contains("INV-LETTER-1", "10,032.88 CNY", "32.88 CNY", "2026-02-17", "Mr. Zhang",
            "FORMAL DEMAND FOR PAYMENT")
            .doesNotContain("Fee for this letter");
        assertThat(letter.sha256()).isEqualTo(DocumentRepository.sha256(letter.content())).hasSize(64);
    }

    @Test
    void theLetterStatesTheRateItsBasisAndTheFeeForTheLetter() throws Exception {
        LateCharges withFee = LateCharges.of(statutory, LocalDate.of(2026, 2, 10), Money.of("25.00", "CNY"));
        Document letter = letters.create(invoice, customer, statement, withFee, LocalDate.of(2026, 2, 10), 3);

        String text = oneLine(text(letter));
        assertThat(text).contains("Late-payment interest: 5.775% p.a. (statutory (CN): one-year LPR 3.85% on the due "
                + "date 2026-01-31 x 1.5 = 5.775% p.a.)")
            // table cells come out of the PDF without a space between them
            .containsPattern("Fee for this letter ?25\\.00 CNY")
            // the demanded total includes the fee the letter costs: 10,032.88 + 25.00
            .containsPattern("Total due ?10,057\\.88 CNY").contains("We demand payment of 10,057.88 CNY");
    }

    @Test
    void anUnknownRateIsSaidInWordsNotAsZeroPercent() throws Exception {
        InterestBasis unknown = new InterestBasis(InterestBasis.Source.NONE,
            "no interest: no one-year LPR known on the due date 2018-01-31", DailyRate.none());
        Document letter = letters.create(invoice, customer, statement,
            LateCharges.of(unknown, LocalDate.of(2026, 2, 10), null), LocalDate.of(2026, 2, 10), 4);

        String text = oneLine(text(letter));
        assertThat(text).contains("Late-payment interest: none charged (no interest: no one-year LPR known on the due "
            + "date 2018-01-31)").doesNotContain("0% p.a.");
    }

    @Test
    void aChineseCustomerGetsAChineseLetterInAnEmbeddedCjkFont() throws Exception {
        assertThat(chinese.language()).as("CN customers read Chinese by default").isEqualTo(Language.ZH);
        LateCharges withFee = LateCharges.of(statutory, LocalDate.of(2026, 2, 10), Money.of("25.00", "CNY"));
        Document letter = letters.create(invoice, chinese, statement, withFee, LocalDate.of(2026, 2, 10), 5);

        String text = oneLine(text(letter));
        assertThat(text).contains("科立威演示贸易有限公司", "华东机械有限公司", "收件人：张伟", "正式催款函",
            // amounts (principal, interest, the fee of this letter, the total with it), the rate, days overdue
            "10,000.00 CNY", "32.88 CNY", "25.00 CNY", "10,057.88 CNY", "年利率 5.775%",
            "（LPR）的 1.5 倍", "逾期 10 天",
            // the deadline: letter date + 7 days, written the Chinese way
            "请贵司于 2026年2月17日 前支付 10,057.88 CNY",
            // statutory interest runs: the letter says so (a customer who owes none is not told it does)
            "逾期利息计算至实际付款之日",
            // the consequences and who to call
            "暂停向贵司发货", "催收机构", "提起诉讼", "+86 21 5555 0100")
            .doesNotContain("{", "}", "FORMAL DEMAND");
        // the font is embedded as a subset (the glyphs of this letter only), not the 10 MB font
        String raw = new String(letter.content(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(raw).containsPattern("/BaseFont\\s*/[A-Z]{6}\\+NotoSansSC").contains("/FontFile2")
            .as("every font of the evidence is embedded").doesNotContain("/Helvetica");
        assertThat(letter.content().length).isLessThan(200_000);
    }

    @Test
    void theLetterDemandsOnlyTheUndisputedPartAndNamesTheDisputedOne() throws Exception {
        // 12% for 10 days: on the 8,000.00 undisputed 26.30 (26.301370); the 6.58 on the disputed 2,000.00 is
        // withheld with it, as a credit note would take it off from the due date
        Document letter = letters.create(invoice, customer, statement, noFee, LocalDate.of(2026, 2, 10), 7,
            new DisputedPart(new BigDecimal("2000.00"), new BigDecimal("8026.30"), new BigDecimal("2006.58")), false);

        String text = oneLine(text(letter));
        assertThat(text).containsPattern("Total ?10,032\\.88 CNY")
            .containsPattern("Disputed \\(not demanded, nor its interest, until the dispute is decided\\) ?2,000\\.00 CNY")
            .containsPattern("Total due ?8,026\\.30 CNY").contains("We demand payment of 8,026.30 CNY");
    }

    @Test
    void aTimeBarredClaimIsAskedForWithoutThreateningASuit() throws Exception {
        Document letter = letters.create(invoice, customer, statement, noFee, LocalDate.of(2026, 2, 10), 6,
            DisputedPart.NONE, true);

        String text = oneLine(text(letter));
        assertThat(text).contains("REQUEST FOR PAYMENT", "We ask you to pay 10,032.88 CNY", "voluntarily", "credit hold")
            .doesNotContain("FORMAL DEMAND").doesNotContain("legal proceedings").doesNotContain("collection agency")
            .doesNotContain("interrupts the limitation period");
    }

    @Test
    void theSameDemandIsStoredOnceEvenWhenCreatedAgain() {
        Document first = letters.create(invoice, customer, statement, noFee, LocalDate.of(2026, 2, 10), 2);
        Document again = letters.create(invoice, customer, statement, noFee, LocalDate.of(2026, 2, 11), 2);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.sha256()).isEqualTo(first.sha256());
        assertThat(documents.forInvoice("INV-LETTER-1")).extracting(Document::id).containsOnlyOnce(first.id());
    }

    static String text(Document letter) throws IOException {
        PdfReader reader = new PdfReader(letter.content());
        return new PdfTextExtractor(reader).getTextFromPage(1);
    }

    /** The PDF wraps long paragraphs: compare the words, not the line breaks. */
    static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
