package com.collectwise.fees;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The split of a payment: fees, then interest, then principal (Civil Code art. 561), the rest is credit. */
class PaymentAllocatorTest {

    static final Statement DUE = new Statement("INV-1", "EUR", LocalDate.of(2026, 3, 2), new BigDecimal("1000.00"),
        new BigDecimal("8.34"), new BigDecimal("40.00"), new BigDecimal("1048.34"));

    @Test
    void smallPaymentGoesToFeesOnly() {
        assertThat(PaymentAllocator.plan(DUE, new BigDecimal("25.00")))
            .containsExactly(new Allocation("FEES", new BigDecimal("25.00")));
    }

    @Test
    void payment100_is40Fees_8_34Interest_51_66Principal() {
        assertThat(PaymentAllocator.plan(DUE, new BigDecimal("100.00"))).containsExactly(
            new Allocation("FEES", new BigDecimal("40.00")), new Allocation("INTEREST", new BigDecimal("8.34")),
            new Allocation("PRINCIPAL", new BigDecimal("51.66")));
    }

    @Test
    void exactPaymentLeavesNoCredit_overpaymentBecomesCredit() {
        assertThat(PaymentAllocator.plan(DUE, new BigDecimal("1048.34"))).extracting(Allocation::component)
            .containsExactly("FEES", "INTEREST", "PRINCIPAL");
        assertThat(PaymentAllocator.plan(DUE, new BigDecimal("1100.00"))).last()
            .isEqualTo(new Allocation("CREDIT", new BigDecimal("51.66")));
    }

    @Test
    void paymentOnASettledInvoiceIsAllCredit() {
        Statement settled = new Statement("INV-1", "EUR", LocalDate.of(2026, 3, 2), new BigDecimal("0.00"),
            new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("0.00"));
        assertThat(PaymentAllocator.plan(settled, new BigDecimal("10.00")))
            .containsExactly(new Allocation("CREDIT", new BigDecimal("10.00")));
    }
}
