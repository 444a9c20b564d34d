package com.collectwise.agreements;

/**
 * A kept instalment plan (its interest waived if so agreed): the customer's account is reconciled so that the
 * invoice is settled the normal way when it owes nothing. Published by {@link AgreementService}, handled by the
 * payments package, which the agreements package does not call (payments already depend on agreements).
 */
public record PlanKept(String customerId, String invoiceNumber) {
}
