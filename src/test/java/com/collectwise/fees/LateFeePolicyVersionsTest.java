package com.collectwise.fees;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;
import com.collectwise.kernel.Customer;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.kernel.Segment;

/**
 * A supervisor changes the SMALL_BUSINESS segment rate of Decision_LateFeePolicy twice: 8% deployed on
 * 2026-02-01, 12% deployed on 2026-02-15 (business dates, engine clock). Each version applies from its deployment
 * date on and never rewrites a past day: interest, fees and the cap follow the version in force.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext
class LateFeePolicyVersionsTest {

    static final LocalDate DUE = LocalDate.of(2026, 1, 31);

    @Autowired RepositoryService repository;
    @Autowired StatementService statements;
    @Autowired FeeService fees;
    @Autowired Ledger ledger;
    @Autowired CustomerRepository customers;
    @Autowired InvoiceRepository invoices;
    @Autowired BusinessClock clock;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aSecondVersionChangesTheSegmentRateOnlyFromItsDeploymentDate() throws IOException {
        customers.insert(new Customer("C-SBV", "Corner Shop", Segment.SMALL_BUSINESS, "CN", null, null, "col1", null,
            Instant.now()));
        invoices.insert(new Invoice("SBV-1", "C-SBV", DUE.minusDays(30), DUE, 30, new BigDecimal("10000.00"), "CNY",
            null, CaseStatus.OPEN, Stage.INTERNAL_REMINDER, null, null));
        Invoice inv = invoices.find("SBV-1").orElseThrow();

        deployOn(LocalDate.of(2026, 2, 1), "8", "15", "");
        // 1 .. 28 Feb = 28 days at 8%: 10,000 x 8 x 28 / 36500 = 61.369863 -> 61.37
        assertThat(statements.statement(inv, LocalDate.of(2026, 2, 28)).interest()).isEqualByComparingTo("61.37");
        // 1 .. 14 Feb at 8%: 10,000 x 8 x 14 / 36500 = 30.684932 -> 30.68
        assertThat(statements.statement(inv, LocalDate.of(2026, 2, 14)).interest()).isEqualByComparingTo("30.68");
        assertThat(fees.charge(inv, FeeService.Kind.REMINDER_FEE, "r-1", LocalDate.of(2026, 2, 10))).isPresent();

        deployOn(LocalDate.of(2026, 2, 15), "12", "20", "5");
        // the days before 15 Feb keep 8%: a statement as of 14 Feb is the same as before the change
        assertThat(statements.statement(inv, LocalDate.of(2026, 2, 14)).interest()).isEqualByComparingTo("30.68");
        // 1 .. 14 Feb at 8% + 15 .. 28 Feb at 12%: 10,000 x (8 x 14 + 12 x 14) / 36500 = 76.712329 -> 76.71
        StatementDetail feb = statements.detail(inv, LocalDate.of(2026, 2, 28));
        assertThat(feb.statement().interest()).isEqualByComparingTo("76.71");
        assertThat(feb.interest().periods()).extracting(p -> p.from() + " " + p.days() + " "
                + p.annualPercent().stripTrailingZeros().toPlainString())
            .containsExactly("2026-02-01 14 8", "2026-02-15 14 12");
        assertThat(feb.basis().source()).isEqualTo(InterestBasis.Source.SEGMENT);
        assertThat(feb.basis().description()).contains("8% p.a.").contains("from 2026-02-15 12% p.a.");
        // had the new rate been applied backwards: 10,000 x 12 x 28 / 36500 = 92.05
        assertThat(feb.statement().interest()).isNotEqualByComparingTo("92.05");

        // the fee of the day the reminder went out stays 15; a reminder after the change costs 20
        assertThat(fees.charge(inv, FeeService.Kind.REMINDER_FEE, "r-2", LocalDate.of(2026, 2, 20))).isPresent();
        assertThat(ledger.list("SBV-1")).extracting(e -> e.amount() + " " + e.bookedOn())
            .containsExactly("CNY 15.00 2026-02-10", "CNY 20.00 2026-02-20");
        // the cap of 5% (500.00) is the new version's: it bounds statements as of its days, not earlier ones
        assertThat(feb.cap().amount()).isEqualByComparingTo("500.00");
        assertThat(statements.detail(inv, LocalDate.of(2026, 2, 14)).cap()).isNull();
    }

    @Autowired com.collectwise.customers.CustomerService customerService;

    @Test
    void aSegmentChangedInTheCustomerFileAppliesFromTheDayOfTheChangeNeverBackwards() throws IOException {
        LocalDate due = LocalDate.of(2026, 5, 31);
        customers.insert(new Customer("C-SEG", "Corner Shop", Segment.SMALL_BUSINESS, "CN", null, null, "col1", null,
            Instant.now()));
        invoices.insert(new Invoice("SEG-1", "C-SEG", due.minusDays(30), due, 30, new BigDecimal("10000.00"), "CNY",
            null, CaseStatus.OPEN, Stage.INTERNAL_REMINDER, null, null));
        Invoice inv = invoices.find("SEG-1").orElseThrow();
        deployOn(LocalDate.of(2026, 6, 1), "8", "0", "");
        // 1 .. 14 June at the SMALL_BUSINESS rate 8%: 10,000 x 8 x 14 / 36500 = 30.684932 -> 30.68
        assertThat(statements.statement(inv, LocalDate.of(2026, 6, 14)).interest()).isEqualByComparingTo("30.68");

        ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 6, 15).atTime(LocalTime.NOON).atZone(clock.zone())
            .toInstant()));
        customerService.update("C-SEG", com.collectwise.customers.CustomerPatch.segment(Segment.DOMESTIC),
            "supervisor1");

        // the days before the change keep 8%
        assertThat(statements.statement(inv, LocalDate.of(2026, 6, 14)).interest()).isEqualByComparingTo("30.68");
        // DOMESTIC has no segment rate: the statutory CN rate, LPR 3.00% on the due date x 1.5 = 4.5%, from 15 June:
        // 10,000 x (8 x 14 + 4.5 x 14) / 36500 = 47.945205 -> 47.95 (backwards it would be 4.5% x 28 days: 34.52)
        StatementDetail june = statements.detail(inv, LocalDate.of(2026, 6, 28));
        assertThat(june.statement().interest()).isEqualByComparingTo("47.95");
        assertThat(june.interest().periods()).extracting(p -> p.from() + " " + p.days() + " "
                + p.annualPercent().stripTrailingZeros().toPlainString())
            .containsExactly("2026-06-01 14 8", "2026-06-15 14 4.5");
    }

    /** Deploys an edited Decision_LateFeePolicy with the engine clock at noon of {@code day} in the company zone. */
    private void deployOn(LocalDate day, String rate, String reminderFee, String cap) throws IOException {
        ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.NOON).atZone(clock.zone()).toInstant()));
        assertThat(clock.today()).isEqualTo(day);
        String dmn;
        try (InputStream in = getClass().getResourceAsStream("/processes/late-fee-policy.dmn")) {
            dmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String edited = dmn
            .replace("<outputEntry id=\"Out_Rate_4\"><text></text></outputEntry>",
                "<outputEntry id=\"Out_Rate_4\"><text>" + rate + "</text></outputEntry>")
            .replace("<outputEntry id=\"Out_Reminder_4\"><text>0</text></outputEntry>",
                "<outputEntry id=\"Out_Reminder_4\"><text>" + reminderFee + "</text></outputEntry>")
            .replace("<outputEntry id=\"Out_Cap_4\"><text></text></outputEntry>",
                "<outputEntry id=\"Out_Cap_4\"><text>" + cap + "</text></outputEntry>");
        assertThat(edited).isNotEqualTo(dmn);
        repository.createDeployment().name("late-fee policy of " + day).addString("late-fee-policy.dmn", edited)
            .deploy();
    }
}
