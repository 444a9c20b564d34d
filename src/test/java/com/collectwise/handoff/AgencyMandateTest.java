package com.collectwise.handoff;

import com.collectwise.disputes.DisputedPart;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Stage;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Segment;
import com.collectwise.money.Statement;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The agency collects only what is not under open dispute (issue 16, item 5). */
class AgencyMandateTest {

    final Invoice invoice = new Invoice("INV-M-1", "C-M1", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), 30,
        new BigDecimal("10000.00"), "CNY", null, CaseStatus.OPEN, Stage.AGENCY, null, null);
    final Customer customer = new Customer("C-M1", "Huadong Machinery Ltd", Segment.DOMESTIC, "CN", "ap@huadong.test",
        null, "chen", "Mr. Zhang", Instant.now());
    final Statement statement = new Statement("INV-M-1", "CNY", LocalDate.of(2026, 4, 1),
        new BigDecimal("10000.00"), new BigDecimal("95.00"), new BigDecimal("0.00"), new BigDecimal("10095.00"));

    @Test
    void theMandateNamesTheDisputedPartAndAsksOnlyForTheRest() throws Exception {
        // 3,000.00 disputed withholds itself and the 28.50 interest that ran on it (as a credit note would)
        AgencyMandate m = AgencyHandoffService.mandate(invoice, customer, statement, 1, false,
            LocalDate.of(2026, 6, 30), new DisputedPart(new BigDecimal("3000.00"), new BigDecimal("7066.50"),
                new BigDecimal("3028.50")));
        assertThat(m.total()).isEqualByComparingTo("10095.00");
        assertThat(m.disputed()).isEqualByComparingTo("3000.00");
        assertThat(m.amountToCollect()).isEqualByComparingTo("7066.50");
        String json = new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsString(m);
        assertThat(json).contains("\"disputed\":3000.00").contains("\"amountToCollect\":7066.50");
    }

    @Test
    void withoutADisputeTheAgencyCollectsTheWholeOutstandingTotal() {
        AgencyMandate m = AgencyHandoffService.mandate(invoice, customer, statement, 1, true,
            LocalDate.of(2026, 6, 30), DisputedPart.NONE);
        assertThat(m.amountToCollect()).isEqualByComparingTo("10095.00");
        assertThat(m.debtor()).isNotNull();
    }

    @Test
    void aDisputeLargerThanWhatIsLeftNeverMakesTheAgencyPayBack() {
        AgencyMandate m = AgencyHandoffService.mandate(invoice, customer, statement, 1, false,
            LocalDate.of(2026, 6, 30), new DisputedPart(new BigDecimal("20000.00"), BigDecimal.ZERO.setScale(2),
                new BigDecimal("10095.00")));
        assertThat(m.amountToCollect()).isEqualByComparingTo("0");
    }
}
