package com.collectwise.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.collectwise.customers.CustomerRepository;
import com.collectwise.kernel.CaseStatus;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Stage;

/**
 * DOMAIN.md 6: amounts respect the currency's minor unit, more decimals are refused with a clear error. A fee the
 * late-fee policy sets with more decimals than the invoice's currency has (10.5 for JPY, 15.005 for CNY) was rounded
 * HALF_UP (11 JPY, 15.01 CNY) and booked without a word; now neither quoted nor booked: a clear failure naming the fee,
 * the currency and its decimals. A fee that fits (15.00 CNY, 1,500 JPY, 1.234 KWD) is taken as it is.
 */
class FeeMinorUnitTest {

    final Ledger ledger = mock(Ledger.class);
    final StatementService statements = mock(StatementService.class);
    final CustomerRepository customers = mock(CustomerRepository.class);
    final FeeService fees = new FeeService(ledger, statements, customers);

    Invoice invoice(String currency, String amount) {
        return new Invoice("INV-MU-" + currency, "C-MU", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), 30,
            new BigDecimal(amount), currency, null, CaseStatus.OPEN, Stage.INTERNAL_REMINDER, null, null);
    }

    void policyWithReminderFee(String fee) {
        LateFeePolicy policy = new LateFeePolicy(null, new BigDecimal(fee), BigDecimal.ZERO, null);
        when(customers.find(any())).thenReturn(Optional.empty());
        when(statements.policyFor(any(), any())).thenReturn(policy);
        when(statements.timelineFor(any(), any())).thenReturn(LateFeePolicyTimeline.constant(policy));
        when(ledger.append(any())).thenReturn(true);
    }

    @Test
    void aYenFeeWithADecimalIsRefusedNotRounded() {
        policyWithReminderFee("10.5");
        Invoice yen = invoice("JPY", "100000");

        assertThatThrownBy(() -> fees.feeFor(yen, FeeService.Kind.REMINDER_FEE))
            .isInstanceOf(FeeService.FeePolicyException.class)
            .hasMessageContaining("reminder fee of 10.5 JPY").hasMessageContaining("more decimals than JPY allows (0)");
        assertThatThrownBy(() -> fees.charge(yen, FeeService.Kind.REMINDER_FEE, "r1", LocalDate.of(2026, 2, 1)))
            .isInstanceOf(FeeService.FeePolicyException.class);
        verify(ledger, never()).append(any());
    }

    @Test
    void aYuanFeeWithThreeDecimalsIsRefusedNotRounded() {
        policyWithReminderFee("15.005");

        assertThatThrownBy(() -> fees.feeFor(invoice("CNY", "12000.00"), FeeService.Kind.REMINDER_FEE))
            .hasMessageContaining("reminder fee of 15.005 CNY").hasMessageContaining("more decimals than CNY allows (2)");
    }

    @Test
    void feesThatFitTheMinorUnitAreTakenAsTheyAre() {
        policyWithReminderFee("15.0");
        assertThat(fees.feeFor(invoice("CNY", "12000.00"), FeeService.Kind.REMINDER_FEE).orElseThrow().amount())
            .isEqualByComparingTo("15.00");
        policyWithReminderFee("1500");
        assertThat(fees.feeFor(invoice("JPY", "100000"), FeeService.Kind.REMINDER_FEE).orElseThrow().amount()
            .toPlainString()).isEqualTo("1500");
        policyWithReminderFee("1.234");
        assertThat(fees.feeFor(invoice("KWD", "100.000"), FeeService.Kind.REMINDER_FEE).orElseThrow().amount()
            .toPlainString()).isEqualTo("1.234");
    }
}
