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
        assertThat(InstalmentSchedule.problems(InstalmentSchedule.propose(new BigDecimal("1000.00"), 3, FIRST),
            new BigDecimal("1000.00"), "CNY", FIRST)).isEmpty();
    }

    @Test
    void aLargeDefaultAcceleratesAtOnceASmallOneOnlyAfterTheGrace() {
        List<Instalment> three = InstalmentSchedule.propose(new BigDecimal("1000.00"), 3, FIRST);
        // 333.33 unpaid the day after the due date is more than a fifth of 1,000.00
        assertThat(Acceleration.check(three, 1, BigDecimal.ZERO, FIRST.plusDays(1), 5).verdict())
            .isEqualTo(Verdict.ACCELERATED);
        assertThat(Acceleration.check(three, 1, new BigDecimal("333.33"), FIRST.plusDays(1), 5).verdict())
            .isEqualTo(Verdict.PAID);

        List<Instalment> ten = InstalmentSchedule.propose(new BigDecimal("1000.00"), 10, FIRST);
        assertThat(Acceleration.check(ten, 1, BigDecimal.ZERO, FIRST.plusDays(1), 5).verdict()).isEqualTo(Verdict.LATE);
        assertThat(Acceleration.check(ten, 1, BigDecimal.ZERO, FIRST.plusDays(5), 5).verdict()).isEqualTo(Verdict.LATE);
        Acceleration.Check pastGrace = Acceleration.check(ten, 1, BigDecimal.ZERO, FIRST.plusDays(6), 5);
        assertThat(pastGrace.verdict()).isEqualTo(Verdict.ACCELERATED);
        assertThat(pastGrace.reason()).contains("grace");
        // partly paid instalments add up: two months of 50.00 short of 100.00 is 100.00 < 200.00, within grace
        assertThat(Acceleration.check(ten, 2, new BigDecimal("100.00"), FIRST.plusMonths(1).plusDays(1), 5).verdict())
            .isEqualTo(Verdict.LATE);
        // the third unpaid instalment makes the overdue unpaid 200.00 = one fifth
        assertThat(Acceleration.check(ten, 3, new BigDecimal("100.00"), FIRST.plusMonths(2).plusDays(1), 30).verdict())
            .isEqualTo(Verdict.ACCELERATED);
    }
}
