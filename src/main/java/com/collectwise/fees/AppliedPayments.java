package com.collectwise.fees;

import java.util.List;

import com.collectwise.money.AccountReplay;

/**
 * The money facts of a customer's account replay: its applied payments with their reversal dates. The payments
 * package owns the table and sits above this one, so it provides the bean (dependency inversion, like
 * {@code limitation.InterruptionSource}).
 */
public interface AppliedPayments {

    List<AccountReplay.PaymentFact> of(String customerId);
}
