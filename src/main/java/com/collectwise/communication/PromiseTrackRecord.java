package com.collectwise.communication;

/**
 * The customer's promises as the danger signals weigh them. The promise book owns them and sits above this
 * package, so it provides the bean.
 */
public interface PromiseTrackRecord {

    /** Promises given on any of the customer's invoices. */
    int promises(String customerId);

    /** Of those, the broken ones. */
    int brokenPromises(String customerId);
}
