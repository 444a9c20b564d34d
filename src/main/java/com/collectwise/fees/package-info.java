/**
 * Owns the money of a case: the ledger, late interest, fees, waivers, payment allocation and the as-of statement.
 * Plain services (no Camunda inside, except the DMN adapter for the late-fee policy); everything is {@link com.collectwise.money.Money}.
 */
package com.collectwise.fees;
