package com.collectwise.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import com.collectwise.api.FieldProblem;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;
import com.collectwise.kernel.Customer;
import com.collectwise.customers.CustomerRepository;
import com.collectwise.kernel.Segment;

/**
 * The projection of a plan over the replayed account, computed by hand. Invoice of 10,000.00 CNY at a contract rate
 * of 12% p.a., due Tuesday 2026-03-31; the plan is proposed that day, when nothing is overdue yet (outstanding
 * 10,000.00); three monthly instalments on 04-30, 05-31 and 06-30. Interest is actual/365 on the principal unpaid
 * at the start of each day, the running sum rounded HALF_UP to the cent; each payment pays interest, then principal.
 */
@SpringBootTest
@ActiveProfiles("test")
class AgreementProjectionTest {

    static final LocalDate DUE = LocalDate.of(2026, 3, 31);
    static final LocalDate APRIL = LocalDate.of(2026, 4, 30);
    static final LocalDate MAY = LocalDate.of(2026, 5, 31);
    static final LocalDate JUNE = LocalDate.of(2026, 6, 30);

    @Autowired AgreementService agreements;
    @Autowired CustomerRepository customers;
    @Autowired InvoiceRepository invoices;

    Invoice invoice;

    @BeforeEach
    void invoiceDueToday() {
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 3, 31, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai"))
            .toInstant()));
        String id = "C" + UUID.randomUUID().toString().substring(0, 8);
        customers.insert(new Customer(id, "Customer " + id, Segment.DOMESTIC, "CN", id + "@example.com",
            "+86 10 0000 0000", "collector1", "Ms. Wang", Instant.now()));
        invoice = new Invoice("INV-" + UUID.randomUUID().toString().substring(0, 8), id, DUE.minusDays(30), DUE, 30,
            new BigDecimal("10000.00"), "CNY", new BigDecimal("12"), CaseStatus.OPEN, Stage.PRE_DUE, null, null);
        invoices.insert(invoice);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theEvenPlanCoversTheInterestUpToItsLastInstalmentToTheCent() {
        List<Instalment> plan = agreements.proposeEven(invoice, 3, APRIL);
        // Monthly from 04-30: 04-30, 05-30, 06-30. 10,000.00 / 3 = 3,333.33 for the first two.
        // April 1-30: 30 days x 10,000.00 x 12% / 365 = 98.630137 -> 98.63; the first instalment pays 98.63 interest
        //   and 3,234.70 principal: 6,765.30 left.
        // May 1-30: 30 days x 6,765.30 x 12% / 365 = 66.726247; the sum 165.356384 -> 165.36, so 66.73 is due; the
        //   second instalment pays 66.73 interest and 3,266.60 principal: 3,498.70 left.
        // May 31 - June 30: 31 days x 3,498.70 x 12% / 365 = 35.657983; the sum 201.014367 -> 201.01, so 35.65 due.
        // The last instalment: 3,498.70 + 35.65 = 3,534.35. The plan: 10,201.01 = 10,000.00 + 201.01 interest.
        assertThat(plan).extracting(Instalment::dueDate).containsExactly(APRIL, LocalDate.of(2026, 5, 30), JUNE);
        assertThat(plan).extracting(i -> i.amount().toPlainString()).containsExactly("3333.33", "3333.33", "3534.35");
        assertThat(InstalmentSchedule.total(plan)).isEqualByComparingTo("10201.01");
        AgreementService.Projection projection = agreements.project(invoice, plan);
        assertThat(projection.settles()).isTrue();
        assertThat(projection.required()).isEqualByComparingTo("10201.01");
        assertThat(agreements.problems(invoice, plan)).isEmpty();
        // the same plan twice: nothing in it depends on when it is computed
        assertThat(agreements.proposeEven(invoice, 3, APRIL)).isEqualTo(plan);
    }

    @Test
    void aPlanThatOnlySumsToTodaysOutstandingIsShortByTheInterestAndTheErrorNamesTheExactTotal() {
        List<Instalment> plan = List.of(new Instalment(1, APRIL, new BigDecimal("3333.33")),
            new Instalment(2, MAY, new BigDecimal("3333.33")), new Instalment(3, JUNE, new BigDecimal("3333.34")));
        List<FieldProblem> problems = agreements.problems(invoice, plan);
        assertThat(problems).extracting(FieldProblem::field).containsExactly("instalments");
        // Due on 04-30, 05-31, 06-30. April as above: 6,765.30 left.
        // May 1-31: 31 days x 6,765.30 x 12% / 365 = 68.950455; the sum 167.580592 -> 167.58, 68.95 due; 3,264.38
        //   principal: 3,500.92 left.
        // June 1-30: 30 days x 3,500.92 x 12% / 365 = 34.529622; the sum 202.110214 -> 202.11, 34.53 due.
        // The last instalment must be 3,500.92 + 34.53 = 3,535.45, the plan 10,202.11.
        assertThat(problems.get(0).message()).contains("sum to 10000.00 CNY").contains("exactly 10202.11 CNY")
            .contains("last instalment 3535.45 CNY").contains("2026-06-30");
    }

    @Test
    void evenThirdsOfTheRightTotalStillMissBecauseBiggerEarlyInstalmentsSaveInterest() {
        List<Instalment> plan = List.of(new Instalment(1, APRIL, new BigDecimal("3400.70")),
            new Instalment(2, MAY, new BigDecimal("3400.70")), new Instalment(3, JUNE, new BigDecimal("3400.71")));
        // April: 98.63 interest, 3,302.07 principal: 6,697.93 left.
        // May: 31 x 6,697.93 x 12% / 365 = 68.264; the sum 166.893972 -> 166.89, 68.26 due; 3,332.44 principal:
        //   3,365.49 left.
        // June: 30 x 3,365.49 x 12% / 365 = 33.193874; the sum 200.087846 -> 200.09, 33.20 due.
        // Owed on 06-30 before the last instalment: 3,365.49 + 33.20 = 3,398.69; 3,400.71 pays 2.02 too much.
        AgreementService.Projection projection = agreements.project(invoice, plan);
        assertThat(projection.owed()).isEqualByComparingTo("0.00");
        assertThat(projection.surplus()).isEqualByComparingTo("2.02");
        assertThat(projection.required()).isEqualByComparingTo("10200.09");
        assertThat(agreements.problems(invoice, plan).get(0).message()).contains("exactly 10200.09 CNY")
            .contains("last instalment 3398.69 CNY");
    }

    @Test
    void anAmountTheCurrencyCannotHoldIsNamedNotProjected() {
        List<Instalment> plan = List.of(new Instalment(1, APRIL, new BigDecimal("3333.333")),
            new Instalment(2, MAY, new BigDecimal("6868.78")));
        assertThat(agreements.problems(invoice, plan)).extracting(FieldProblem::field)
            .containsExactly("instalments[0].amount");
    }

    @Test
    void withTheInterestWaivedThePlanCoversWhatIsOutstandingToday() {
        List<Instalment> plan = agreements.proposeEven(invoice, 3, APRIL, true);
        assertThat(plan).extracting(i -> i.amount().toPlainString()).containsExactly("3333.33", "3333.33", "3333.34");
        assertThat(agreements.problems(invoice, plan, true)).isEmpty();
        List<FieldProblem> withInterest = agreements.problems(invoice, agreements.proposeEven(invoice, 3, APRIL), true);
        assertThat(withInterest).extracting(FieldProblem::message).singleElement().asString()
            .contains("10201.01 CNY").contains("outstanding total is 10000.00 CNY").contains("waived");
    }
}
