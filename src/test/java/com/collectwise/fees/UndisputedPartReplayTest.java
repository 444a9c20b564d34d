package com.collectwise.fees;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Stage;
import com.collectwise.money.AccountReplay;
import com.collectwise.money.Component;
import com.collectwise.money.LedgerEntry;
import com.collectwise.money.LedgerEntryType;
import com.collectwise.money.Money;
import com.collectwise.money.Statement;

/**
 * The undisputed part of an invoice, by hand (DOMAIN.md section 5, docs/money.md): the open disputes as a
 * hypothetical credit note (StatementService#statementIfCredited books it on the as-of date; a credit note counts
 * from the due date), so the interest that ran on the disputed part is not asked for. 10,000.00 CNY due 2026-01-31,
 * statutory CN rate: one-year LPR 4.5% x 1.5 = 6.75%, actual/365, rounded HALF_UP once.
 */
class UndisputedPartReplayTest {

    static final LocalDate DUE = LocalDate.of(2026, 1, 31);
    /** Forty days late: 1 February through 12 March. */
    static final LocalDate DAY_40 = DUE.plusDays(40);
    static final InterestRatePolicy RATES = new InterestRatePolicy(
        RateTable.of(Map.of(LocalDate.of(2025, 5, 20), new BigDecimal("4.50"))),
        RateTable.of(Map.of(LocalDate.of(2026, 1, 1), new BigDecimal("2.15"))));
    static final Invoice INVOICE = new Invoice("INV-D1", "C-D1", DUE.minusDays(30), DUE, 30,
        new BigDecimal("10000.00"), "CNY", null, CaseStatus.OPEN, Stage.INTERNAL_REMINDER, null, null);

    final List<LedgerEntry> ledger = new ArrayList<>();
    final List<AccountReplay.PaymentFact> payments = new ArrayList<>();

    Statement statement(LocalDate asOf, String disputed) {
        List<LedgerEntry> lines = new ArrayList<>(ledger);
        if (disputed != null) {
            BigDecimal credited = ledger.stream().filter(e -> e.type() == LedgerEntryType.CREDIT_NOTE)
                .map(e -> e.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
            // capped at the principal not yet credited, as StatementService#statementIfCredited does
            BigDecimal credit = new BigDecimal(disputed).min(INVOICE.amount().subtract(credited));
            lines.add(LedgerEntry.of(INVOICE.invoiceNumber(), LedgerEntryType.CREDIT_NOTE, Component.PRINCIPAL,
                Money.of(credit, "CNY"), asOf, "hypothetical credit note", "open disputes", null, null));
        }
        InterestBasis basis = RATES.basisFor(INVOICE, "CN", LateFeePolicy.DEFAULT);
        return AccountReplay.replay(List.of(new AccountReplay.InvoiceTerms(INVOICE.invoiceNumber(), "CNY",
            INVOICE.amount(), INVOICE.issueDate(), DUE, basis.rate(), null, false, lines)), payments, asOf)
            .invoice(INVOICE.invoiceNumber()).statement();
    }

    @Test
    void theUndisputedPartOwesNoInterestOnTheDisputedAmount() {
        // all of it: 10,000.00 x 6.75 x 40 / 36500 = 73.972603 -> 73.97
        assertThat(statement(DAY_40, null).total()).isEqualByComparingTo("10073.97");
        // 3,000.00 disputed on day 40: 7,000.00 x 6.75 x 40 / 36500 = 51.780822 -> 51.78; not 7,073.97 (which holds
        // the 22.19 interest that ran on the disputed 3,000.00)
        Statement undisputed = statement(DAY_40, "3000.00");
        assertThat(undisputed.principal()).isEqualByComparingTo("7000.00");
        assertThat(undisputed.interest()).isEqualByComparingTo("51.78");
        assertThat(undisputed.total()).isEqualByComparingTo("7051.78");
    }

    @Test
    void aPartPaymentIsAllocatedAsIfTheDisputedAmountHadBeenCredited() {
        payments.add(new AccountReplay.PaymentFact("P1", INVOICE.invoiceNumber(), Money.of("2000.00", "CNY"),
            DUE.plusDays(20), null));
        // all of it: days 1-20 on 10,000.00: 36.986301, the payment pays 36.99 interest and 1,963.01 principal;
        // days 21-40 on 8,036.99: 29.725853; cumulative 66.712154 -> 66.71, unpaid 29.72: 8,066.71
        assertThat(statement(DAY_40, null).total()).isEqualByComparingTo("8066.71");
        // credited 3,000.00 from the due date: days 1-20 on 7,000.00: 25.890411, the payment pays 25.89 interest and
        // 1,974.11 principal; days 21-40 on 5,025.89: 18.588908; cumulative 44.479319 -> 44.48, unpaid 18.59
        Statement undisputed = statement(DAY_40, "3000.00");
        assertThat(undisputed.principal()).isEqualByComparingTo("5025.89");
        assertThat(undisputed.interest()).isEqualByComparingTo("18.59");
        assertThat(undisputed.total()).isEqualByComparingTo("5044.48");
    }

    @Test
    void aDisputeAboveThePrincipalWithholdsThePrincipalAndItsInterestButNotTheFees() {
        ledger.add(LedgerEntry.of(INVOICE.invoiceNumber(), LedgerEntryType.FEE, Component.FEES,
            Money.of("50.00", "CNY"), DUE.plusDays(10), "reminder", "reminder fee", null, null));
        // capped at the 10,000.00 principal: no principal, no interest; the 50.00 fee is not disputed
        Statement undisputed = statement(DAY_40, "12000.00");
        assertThat(undisputed.principal()).isEqualByComparingTo("0.00");
        assertThat(undisputed.interest()).isEqualByComparingTo("0.00");
        assertThat(undisputed.total()).isEqualByComparingTo("50.00");
        assertThat(statement(DAY_40, null).total()).isEqualByComparingTo("10123.97");
    }

    @Test
    void beforeTheDueDateTheUndisputedPartIsTheTotalLessTheDisputedAmount() {
        assertThat(statement(DUE.minusDays(5), "3000.00").total()).isEqualByComparingTo("7000.00");
    }
}
