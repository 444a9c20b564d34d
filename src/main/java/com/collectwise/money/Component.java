package com.collectwise.money;

/**
 * The parts of what a customer owes, in the order a payment pays them (Civil Code art. 561: costs, interest,
 * principal); CREDIT is what is left over: the customer's money.
 */
public enum Component {
    FEES, INTEREST, PRINCIPAL, CREDIT
}
