package com.collectwise.fees;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;
import com.collectwise.kernel.Customer;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.kernel.Segment;

/**
 * A supervisor edits Decision_LateFeePolicy (a new version is deployed, as from Modeler): SMALL_BUSINESS gets a
 * reminder fee of 15, a letter fee of 25, a segment rate of 8% and a cap of 1% of the invoice amount. The
 * statement picks the latest version up without a restart, whoever is logged in.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext
class LateFeePolicyChargesTest {

    static final LocalDate DUE = LocalDate.of(2026, 1, 31);

    @Autowired RepositoryService repository;
    @Autowired IdentityService identity;
    @Autowired FeeService fees;
    @Autowired StatementService statements;
    @Autowired Ledger ledger;
    @Autowired CustomerRepository customers;
    @Autowired InvoiceRepository invoices;

    @Test
    void editedPolicy_feesAreChargedOncePerEvent_segmentRateAndCapApply() throws IOException {
        deployEditedPolicy();
        customers.insert(new Customer("C-SB", "Corner Shop", Segment.SMALL_BUSINESS, "CN", null, null, "col1", null,
            Instant.now()));
        invoices.insert(new Invoice("SB-1", "C-SB", DUE.minusDays(30), DUE, 30, new BigDecimal("10000.00"), "CNY", null,
            CaseStatus.OPEN, Stage.INTERNAL_REMINDER, null, null));
        Invoice inv = invoices.find("SB-1").orElseThrow();

        // a collector is logged in: the company policy applies all the same
        identity.setAuthentication("col1", java.util.List.of("collectors"));
        try {
            assertThat(fees.charge(inv, FeeService.Kind.REMINDER_FEE, "reminder-1", DUE.plusDays(1))).isPresent();
            assertThat(fees.charge(inv, FeeService.Kind.REMINDER_FEE, "reminder-1", DUE.plusDays(1))).isEmpty();
            assertThat(fees.charge(inv, FeeService.Kind.LETTER_FEE, "letter-1", DUE.plusDays(10))).isPresent();
            assertThat(ledger.list("SB-1")).extracting(e -> e.type() + " " + e.amount() + " " + e.bookedOn())
                .containsExactly("FEE CNY 15.00 2026-02-01", "FEE CNY 25.00 2026-02-10");

            // 5 Feb: fees 15.00 (the letter comes later); segment rate 8%, 5 days:
            // 10,000 x 8 x 5 / 36500 = 10.958904 -> 10.96
            StatementDetail early = statements.detail(inv, LocalDate.of(2026, 2, 5));
            assertThat(early.basis().source()).isEqualTo(InterestBasis.Source.SEGMENT);
            assertThat(early.statement().fees()).isEqualByComparingTo("15.00");
            assertThat(early.statement().interest()).isEqualByComparingTo("10.96");

            // 2 Mar: fees 40.00, interest 30 days: 10,000 x 8 x 30 / 36500 = 65.75, but the cap is 1% = 100.00:
            // interest stops at 100.00 - 40.00 = 60.00
            StatementDetail late = statements.detail(inv, LocalDate.of(2026, 3, 2));
            assertThat(late.statement().fees()).isEqualByComparingTo("40.00");
            assertThat(late.statement().interest()).isEqualByComparingTo("60.00");
            assertThat(late.capReached()).isTrue();
            assertThat(late.statement().total()).isEqualByComparingTo("10100.00");
        } finally {
            identity.clearAuthentication();
        }
    }

    private void deployEditedPolicy() throws IOException {
        String dmn;
        try (InputStream in = getClass().getResourceAsStream("/processes/late-fee-policy.dmn")) {
            dmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String edited = dmn
            .replace("<outputEntry id=\"Out_Rate_4\"><text></text></outputEntry>",
                "<outputEntry id=\"Out_Rate_4\"><text>8</text></outputEntry>")
            .replace("<outputEntry id=\"Out_Reminder_4\"><text>0</text></outputEntry>",
                "<outputEntry id=\"Out_Reminder_4\"><text>15</text></outputEntry>")
            .replace("<outputEntry id=\"Out_Letter_4\"><text>0</text></outputEntry>",
                "<outputEntry id=\"Out_Letter_4\"><text>25</text></outputEntry>")
            .replace("<outputEntry id=\"Out_Cap_4\"><text></text></outputEntry>",
                "<outputEntry id=\"Out_Cap_4\"><text>1</text></outputEntry>");
        assertThat(edited).isNotEqualTo(dmn);
        repository.createDeployment().name("edited late-fee policy")
            .addString("late-fee-policy.dmn", edited).deploy();
    }
}
