package com.collectwise.customers;

/** What a contact person does for the customer; a new finance contact is a danger signal (DOMAIN.md section 3). */
public enum ContactRole {
    FINANCE_CONTACT, DECISION_MAKER, PAYER, OTHER
}
