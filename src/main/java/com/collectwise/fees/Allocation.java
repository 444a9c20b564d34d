package com.collectwise.fees;

import java.math.BigDecimal;

/** The part of a payment applied to one component: FEES, INTEREST, PRINCIPAL, or CREDIT (overpayment). */
public record Allocation(String component, BigDecimal amount) {
}
