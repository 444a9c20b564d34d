/**
 * Owns the money of a case on top of the money core ({@code com.collectwise.money}): the ledger tables, late
 * interest rates and their history, fees from the late-fee DMN, waivers, the as-of statement and the figures a
 * case shows ({@code CaseFigures}). The delegates that book fees and waivers from the models sit beside the
 * services and only call them; {@code CaseFigures} and {@code DmnLateFeePolicySource} still use the engine
 * themselves (EngineBoundaryArchitectureTest lists them until they do not).
 */
package com.collectwise.fees;
