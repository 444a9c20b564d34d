package com.collectwise.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How one customer call's outcome lands on each case it covered, to the cent. */
class CoveredCallPlanTest {

    static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);

    static CoveredCallPlan.CoveredCase covered(String number, int day, String currency, String toCollect) {
        return new CoveredCallPlan.CoveredCase(number, MARCH_1.plusDays(day), currency, new BigDecimal(toCollect));
    }

    static CallOutcome promise(String amount) {
        return new CallOutcome("PROMISE_TO_PAY", "Ms. Wang", null, new BigDecimal(amount), LocalDate.of(2026, 3, 10),
            "pays next week");
    }

    final List<CoveredCallPlan.CoveredCase> three = List.of(covered("C", 2, "CNY", "3000.74"),
        covered("A", 0, "CNY", "1000.25"), covered("B", 1, "CNY", "2000.49"));

    @Test
    void aPromiseForTheTotalPaysTheOldestFirstAndReachesNoFurther() {
        List<CoveredCallPlan.CaseOutcome> split = CoveredCallPlan.split(promise("2500.00"), "C", "CNY", null, three);
        assertThat(split).extracting(CoveredCallPlan.CaseOutcome::invoiceNumber).containsExactly("A", "B", "C");
        assertThat(split.get(0).promisedAmount()).isEqualByComparingTo("1000.25");
        assertThat(split.get(1).promisedAmount()).isEqualByComparingTo("1499.75");
        assertThat(split.get(2).outcome()).isEqualTo("CALL_BACK");
        assertThat(split.get(2).promisedAmount()).isNull();
    }

    @Test
    void aPromiseAboveEverythingAskedStaysOnTheNewestInvoice() {
        List<CoveredCallPlan.CaseOutcome> split = CoveredCallPlan.split(promise("6100.00"), "A", "CNY", null, three);
        assertThat(split).extracting(CoveredCallPlan.CaseOutcome::promisedAmount).map(BigDecimal::toPlainString)
            .containsExactly("1000.25", "2000.49", "3099.26");
        assertThat(split.stream().map(CoveredCallPlan.CaseOutcome::promisedAmount).reduce(BigDecimal::add).orElseThrow())
            .isEqualByComparingTo("6100.00");
    }

    @Test
    void aPromiseInOneCurrencyDoesNotPayAnInvoiceInAnother() {
        List<CoveredCallPlan.CaseOutcome> split = CoveredCallPlan.split(promise("500.00"), "A", "CNY", null,
            List.of(covered("A", 0, "CNY", "1000.00"), covered("U", 0, "USD", "100.00")));
        assertThat(split.get(0).promisedAmount()).isEqualByComparingTo("500.00");
        assertThat(split.get(1).outcome()).isEqualTo("CALL_BACK");
        assertThat(split.get(1).note()).contains("USD");
    }

    @Test
    void aDisputeIsOnTheInvoiceNamedOtherwiseOnTheLeads() {
        CallOutcome dispute = new CallOutcome("DISPUTED", null, null, null, null, null, null, null, "QUALITY",
            new BigDecimal("100.00"), "scratched");
        assertThat(CoveredCallPlan.split(dispute, "A", "CNY", "B", three))
            .extracting(CoveredCallPlan.CaseOutcome::outcome).containsExactly("CALL_BACK", "DISPUTED", "CALL_BACK");
        assertThat(CoveredCallPlan.split(dispute, "A", "CNY", " ", three))
            .extracting(CoveredCallPlan.CaseOutcome::outcome).containsExactly("DISPUTED", "CALL_BACK", "CALL_BACK");
    }

    @Test
    void instalmentsAreForTheInvoicesTheCustomerNamesOtherwiseForAll() {
        CallOutcome plan = new CallOutcome("INSTALMENT_REQUESTED", null, null, null, null, null, 3,
            LocalDate.of(2026, 3, 20), null, null, null);
        assertThat(CoveredCallPlan.split(plan, "C", "CNY", null, java.util.Set.of("A", "C"), three))
            .extracting(CoveredCallPlan.CaseOutcome::outcome)
            .containsExactly("INSTALMENT_REQUESTED", "CALL_BACK", "INSTALMENT_REQUESTED");
        assertThat(CoveredCallPlan.split(plan, "C", "CNY", null, new java.util.LinkedHashSet<>(List.of("A", "C")), three).get(1).note())
            .contains("invoices A, C", "still collected");
        assertThat(CoveredCallPlan.split(plan, "C", "CNY", null, java.util.Set.of(), three))
            .extracting(CoveredCallPlan.CaseOutcome::outcome).containsOnly("INSTALMENT_REQUESTED").hasSize(3);
        assertThat(CustomerCalls.invoiceList(" A, C;D  E,,")).containsExactly("A", "C", "D", "E");
        assertThat(CustomerCalls.invoiceList(null)).isEmpty();
    }

    @Test
    void anyOtherOutcomeIsTheSameOnEveryCase() {
        CallOutcome noAnswer = new CallOutcome("NO_ANSWER", null, null, null, null, "rang");
        assertThat(CoveredCallPlan.split(noAnswer, "A", "CNY", null, three))
            .extracting(CoveredCallPlan.CaseOutcome::outcome).containsOnly("NO_ANSWER").hasSize(3);
    }

    @Test
    void anUnknownCauseIsAProblemAndNoneIsFine() {
        CallOutcome call = new CallOutcome("CALL_BACK", null, null, null, null, null, null, null, null, null, null,
            "BAD_WEATHER");
        assertThat(call.problems(MARCH_1)).singleElement().asString().contains("BAD_WEATHER");
        assertThat(new CallOutcome("CALL_BACK", null, null, null, null, null, null, null, null, null, null,
            "CASH_TROUBLE").problems(MARCH_1)).isEmpty();
        assertThat(new CallOutcome("CALL_BACK", null, null, null, null, null).problems(MARCH_1)).isEmpty();
    }
}
