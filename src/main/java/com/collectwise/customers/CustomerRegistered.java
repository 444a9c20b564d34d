package com.collectwise.customers;

/**
 * Published inside the transaction that registered a new customer, so that what was waiting for it (money the bank
 * feed posted before the ERP sent the customer) follows in the same transaction.
 */
public record CustomerRegistered(String customerId) {
}
