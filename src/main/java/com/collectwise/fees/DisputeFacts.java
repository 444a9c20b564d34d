package com.collectwise.fees;

import java.util.Collection;
import java.util.List;

import com.collectwise.money.AccountReplay;

/**
 * The disputes of a customer's invoices as dated facts of the account replay ({@link AccountReplay.DisputeFact}: when
 * each was raised and ended, what credit notes resolved of it): the customer's credit pays the undisputed parts of its
 * invoices first (DOMAIN.md section 5). The disputes package owns the table and sits above this one, so it provides
 * the bean (dependency inversion, like {@link AppliedPayments}).
 */
public interface DisputeFacts {

    /** The disputes of these invoices, whatever their status and dates. */
    List<AccountReplay.DisputeFact> of(Collection<String> invoiceNumbers);

    /** No disputes (a replay without them). */
    DisputeFacts NONE = numbers -> List.of();
}
