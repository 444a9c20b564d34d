/**
 * The customer master data (address, contacts by role, owner, consent) with its change history, and its HTTP API;
 * a change is published as {@code CustomerChanged} for the packages that follow it.
 */
package com.collectwise.customers;
