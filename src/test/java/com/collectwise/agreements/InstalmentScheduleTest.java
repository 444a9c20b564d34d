package com.collectwise.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.collectwise.agreements.Acceleration.Verdict;
import com.collectwise.api.FieldProblem;

class InstalmentScheduleTest {

    static final LocalDate FIRST = LocalDate.of(2026, 4, 1);

    @Test
    void threeInstalmentsOfOneThousandSumToTheCent() {
        List<Instalment> plan = InstalmentSchedule.propose(new BigDecimal("1000.00"), 3, FIRST);
        assertThat(plan).extracting(i -> i.amount().toPlainString()).containsExactly("333.33", "333.33", "333.34");
        assertThat(plan).extracting(Instalment::dueDate)
            .containsExactly(FIRST, LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1));
        assertThat(InstalmentSchedule.total(plan)).isEqualByComparingTo("1000.00");
    }

    @Test
    void oddTotalsStillSumExactly() {
        List<Instalment> plan = InstalmentSchedule.propose(new BigDecimal("1000.25"), 7, FIRST);
        assertThat(InstalmentSchedule.total(plan)).isEqualByComparingTo("1000.25");
        assertThat(plan.get(6).amount()).isEqualByComparingTo("142.91");
    }

    @Test
    void aScheduleMustSumToTheTotalWithFutureIncreasingDates() {
        List<Instalment> plan = List.of(new Instalment(1, FIRST.minusDays(1), new BigDecimal("500.00")),
            new Instalment(2, FIRST.minusDays(2), new BigDecimal("0.00")));
        List<FieldProblem> problems = InstalmentSchedule.problems(plan, new BigDecimal("1000.00"), "CNY", FIRST);
        assertThat(problems).extracting(FieldProblem::field)
            .containsExactly("instalments[0].dueDate", "instalments[1].dueDate", "instalments[1].amount", "instalments");
        assertThat(problems.get(3).message()).contains("500.00 CNY").contains("1000.00 CNY");
        // proposed the day before its first instalment: an instalment due on the day of the proposal is refused
        assertThat(InstalmentSchedule.problems(InstalmentSchedule.propose(new BigDecimal("1000.00"), 3, FIRST),
            new BigDecimal("1000.00"), "CNY", FIRST.minusDays(1))).isEmpty();
        assertThat(InstalmentSchedule.problems(InstalmentSchedule.propose(new BigDecimal("1000.00"), 3, FIRST),
            new BigDecimal("1000.00"), "CNY", FIRST)).extracting(FieldProblem::field)
            .containsExactly("instalments[0].dueDate");
    }

    @Test
    void aFifthUnpaidCallsForADemandLessOnlyPutsTheCustomerBehind() {
        List<Instalment> three = InstalmentSchedule.propose(new BigDecimal("1000.00"), 3, FIRST);
        // 333.33 unpaid is more than a fifth of 1,000.00 (200.00)
        Acceleration.Check unpaid = Acceleration.check(three, 1, BigDecimal.ZERO);
        assertThat(unpaid.verdict()).isEqualTo(Verdict.DEMAND);
        assertThat(unpaid.unpaid()).isEqualByComparingTo("333.33");
        assertThat(Acceleration.check(three, 1, new BigDecimal("333.33")).verdict()).isEqualTo(Verdict.PAID);

        List<Instalment> ten = InstalmentSchedule.propose(new BigDecimal("1000.00"), 10, FIRST);
        assertThat(Acceleration.check(ten, 1, BigDecimal.ZERO).verdict()).isEqualTo(Verdict.BEHIND);
        // partly paid instalments add up: 50.00 short twice is 100.00 < 200.00
        assertThat(Acceleration.check(ten, 2, new BigDecimal("100.00")).verdict()).isEqualTo(Verdict.BEHIND);
        // 199.99 unpaid is still less than a fifth; 200.00 reaches it
        assertThat(Acceleration.check(ten, 2, new BigDecimal("0.01")).verdict()).isEqualTo(Verdict.BEHIND);
        assertThat(Acceleration.check(ten, 3, new BigDecimal("100.00")).verdict()).isEqualTo(Verdict.DEMAND);
        // the last instalment with anything unpaid: the remainder is due, so the customer gets the demand
        Acceleration.Check last = Acceleration.check(ten, 10, new BigDecimal("999.99"));
        assertThat(last.verdict()).isEqualTo(Verdict.DEMAND);
        assertThat(last.reason()).contains("last instalment");
        assertThat(Acceleration.covered(ten, 10, new BigDecimal("1000.00"))).isTrue();
        assertThat(Acceleration.covered(ten, 10, new BigDecimal("999.99"))).isFalse();
    }

    /**
     * "Unpaid instalments reach 1/5 of the total" (Civil Code art. 634) compares with the exact fifth, not one rounded
     * to cents: of a plan of 1,000.01 (instalments 200.00, 200.00, 200.00, 200.00, 200.01) the fifth is 200.002; the
     * first instalment unpaid (200.00) is less than that, so the customer is behind, not yet sent the demand.
     * 200.01 unpaid (the first paid 199.99 short by 0.01 more) would reach it.
     */
    @Test
    void theFifthIsTheExactFifthOfTheTotalNotOneRoundedToCents() {
        List<Instalment> five = List.of(new Instalment(1, FIRST, new BigDecimal("200.00")),
            new Instalment(2, FIRST.plusMonths(1), new BigDecimal("200.00")),
            new Instalment(3, FIRST.plusMonths(2), new BigDecimal("200.00")),
            new Instalment(4, FIRST.plusMonths(3), new BigDecimal("200.00")),
            new Instalment(5, FIRST.plusMonths(4), new BigDecimal("200.01")));
        assertThat(Acceleration.check(five, 1, BigDecimal.ZERO).verdict()).isEqualTo(Verdict.BEHIND);
        // second instalment due, 199.99 paid: 400.00 - 199.99 = 200.01 unpaid >= 200.002
        assertThat(Acceleration.check(five, 2, new BigDecimal("199.99")).verdict()).isEqualTo(Verdict.DEMAND);
        // second instalment due, 200.00 paid: 200.00 unpaid < 200.002
        assertThat(Acceleration.check(five, 2, new BigDecimal("200.00")).verdict()).isEqualTo(Verdict.BEHIND);
    }
}
