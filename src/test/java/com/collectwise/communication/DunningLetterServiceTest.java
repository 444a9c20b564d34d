package com.collectwise.communication;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.cases.CaseStatus;
import com.collectwise.cases.Invoice;
import com.collectwise.cases.Stage;
import com.collectwise.customers.Customer;
import com.collectwise.customers.Segment;
import com.collectwise.fees.Statement;
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
        null, "chen", "Mr. Zhang", Instant.now());
    final Statement statement = new Statement("INV-LETTER-1", "CNY", LocalDate.of(2026, 2, 10),
        new BigDecimal("10000.00"), new BigDecimal("32.88"), new BigDecimal("0.00"), new BigDecimal("10032.88"));

    @Test
    void theLetterIsAPdfStatingInvoiceAmountsAndDeadline() throws Exception {
        Document letter = letters.create(invoice, customer, statement, LocalDate.of(2026, 2, 10), 1);

        assertThat(letter.mediaType()).isEqualTo("application/pdf");
        assertThat(new String(letter.content(), 0, 5)).isEqualTo("%PDF-");
        PdfReader reader = new PdfReader(letter.content());
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        assertThat(text).contains("INV-LETTER-1", "10,032.88 CNY", "32.88 CNY", "2026-02-17", "Mr. Zhang",
            "FORMAL DEMAND FOR PAYMENT");
        assertThat(letter.sha256()).isEqualTo(DocumentRepository.sha256(letter.content())).hasSize(64);
    }

    @Test
    void theSameDemandIsStoredOnceEvenWhenCreatedAgain() {
        Document first = letters.create(invoice, customer, statement, LocalDate.of(2026, 2, 10), 2);
        Document again = letters.create(invoice, customer, statement, LocalDate.of(2026, 2, 11), 2);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.sha256()).isEqualTo(first.sha256());
        assertThat(documents.forInvoice("INV-LETTER-1")).extracting(Document::id).containsOnlyOnce(first.id());
    }
}
