package com.collectwise.fees;

import com.collectwise.cases.Invoice;
import com.collectwise.customers.Customer;

/** Where the late-fee policy of a customer comes from; the calculation stays free of Camunda behind this. */
@FunctionalInterface
public interface LateFeePolicySource {

    LateFeePolicy policyFor(Customer customer, Invoice invoice);
}
