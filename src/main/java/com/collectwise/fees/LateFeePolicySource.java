package com.collectwise.fees;

import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Customer;

/** Where the late-fee policy of a customer comes from; the calculation stays free of Camunda behind this. */
@FunctionalInterface
public interface LateFeePolicySource {

    /** The policy of the newest version. */
    LateFeePolicy policyFor(Customer customer, Invoice invoice);

    /**
     * The policy of every version by the date it took effect, so that a change applies from then on and never
     * rewrites past days. A source without versions has one policy for all days.
     */
    default LateFeePolicyTimeline timelineFor(Customer customer, Invoice invoice) {
        return LateFeePolicyTimeline.constant(policyFor(customer, invoice));
    }
}
