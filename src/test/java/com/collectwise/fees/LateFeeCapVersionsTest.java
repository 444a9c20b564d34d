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

import com.collectwise.customers.CustomerRepository;
import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Segment;
import com.collectwise.kernel.Stage;

/**
 * The cap on late charges follows the Decision_LateFeePolicy version in force on each day, never backwards
 * (DOMAIN.md section 6). A version takes effect on its deployment date (business date, engine clock;
 * {@link DmnLateFeePolicySource}). A supervisor deploys three versions of the SMALL_BUSINESS rule, all at 36.5% a year
 * (10,000.00 x 36.5 / 36500 = 10.00 of interest a day):
 * <ul>
 *   <li>v1 on 2027-02-01: cap 1% (100.00)</li>
 *   <li>v2 on 2027-03-01: cap raised to 2% (200.00)</li>
 *   <li>v3 on 2027-04-01: no cap</li>
 * </ul>
 * Before the fix the cap of the version in force on the as-of date bounded all the interest ever accrued, so the
 * interest v1 withheld became owed the day v2 or v3 came.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext
class LateFeeCapVersionsTest {

    static final LocalDate DUE = LocalDate.of(2027, 1, 31);

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
    void interestTheCapWithheldUnderAnEarlierVersionIsNeverOwedLater() throws IOException {
        customers.insert(new Customer("C-CAP", "Corner Shop", Segment.SMALL_BUSINESS, "CN", null, null, "col1", null,
            Instant.now()));
        invoices.insert(new Invoice("CAP-1", "C-CAP", DUE.minusDays(30), DUE, 30, new BigDecimal("10000.00"), "CNY",
            null, CaseStatus.OPEN, Stage.INTERNAL_REMINDER, null, null));
        Invoice inv = invoices.find("CAP-1").orElseThrow();

        deployOn(LocalDate.of(2027, 2, 1), "36.5", "1");
        deployOn(LocalDate.of(2027, 3, 1), "36.5", "2");
        deployOn(LocalDate.of(2027, 4, 1), "36.5", "");

        // 1 .. 28 Feb under v1: 28 x 10.00 = 280.00 accrued, the cap 100.00 withholds 180.00
        StatementDetail feb = statements.detail(inv, LocalDate.of(2027, 2, 28));
        assertThat(feb.statement().interest()).isEqualByComparingTo("100.00");
        assertThat(feb.capReached()).isTrue();

        // 1 .. 5 Mar under v2 (cap 200.00): 100.00 admitted under v1 + 5 x 10.00 = 50.00 (room 200 - 100 = 100)
        // = 150.00. Before the fix: min(33 x 10.00 = 330.00, 200.00) = 200.00 (50.00 of February's withheld
        // interest owed because the cap went up in March)
        StatementDetail march5 = statements.detail(inv, LocalDate.of(2027, 3, 5));
        assertThat(march5.statement().interest()).isEqualByComparingTo("150.00");
        assertThat(march5.cap().amount()).isEqualByComparingTo("200.00");
        // 1 .. 31 Mar: 310.00 accrued in March, room 100.00: 100.00 + 100.00 = 200.00
        assertThat(statements.statement(inv, LocalDate.of(2027, 3, 31)).interest()).isEqualByComparingTo("200.00");

        // 1 .. 10 Apr under v3 (no cap): 200.00 + 10 x 10.00 = 300.00. Before the fix: no cap at all as of 10 Apr,
        // 69 days x 10.00 = 690.00 (the 390.00 withheld under v1 and v2 owed at once)
        StatementDetail april = statements.detail(inv, LocalDate.of(2027, 4, 10));
        assertThat(april.statement().interest()).isEqualByComparingTo("300.00");
        assertThat(april.statement().total()).isEqualByComparingTo("10300.00");
        assertThat(april.cap()).isNull();
        assertThat(april.capReached()).isTrue();
        // a past statement is the same as before the later versions
        assertThat(statements.statement(inv, LocalDate.of(2027, 2, 28)).interest()).isEqualByComparingTo("100.00");
    }

    /** Deploys an edited Decision_LateFeePolicy with the engine clock at noon of {@code day} in the company zone. */
    private void deployOn(LocalDate day, String rate, String cap) throws IOException {
        ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.NOON).atZone(clock.zone()).toInstant()));
        assertThat(clock.today()).isEqualTo(day);
        String dmn;
        try (InputStream in = getClass().getResourceAsStream("/processes/late-fee-policy.dmn")) {
            dmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String edited = dmn
            .replace("<outputEntry id=\"Out_Rate_4\"><text></text></outputEntry>",
                "<outputEntry id=\"Out_Rate_4\"><text>" + rate + "</text></outputEntry>")
            .replace("<outputEntry id=\"Out_Cap_4\"><text></text></outputEntry>",
                "<outputEntry id=\"Out_Cap_4\"><text>" + cap + "</text></outputEntry>");
        repository.createDeployment().name("late-fee policy of " + day).addString("late-fee-policy.dmn", edited)
            .deploy();
    }
}
