/**
 * Owns the money of a case on top of the money core ({@code com.collectwise.money}): the ledger tables, late
 * interest rates and their history, fees from the late-fee DMN, waivers, the as-of statement and the figures a
 * case shows ({@code CaseFigures}). The services are plain; the delegates that book fees and waivers from the
 * models sit beside them and only call the services.
 */
package com.collectwise.fees;
