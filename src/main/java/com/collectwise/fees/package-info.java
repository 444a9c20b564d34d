/**
 * Owns the money of a case on top of the money core ({@code com.collectwise.money}): the ledger tables, late
 * interest rates and their history, fees from the late-fee DMN, waivers, the as-of statement and the figures a
 * case shows ({@code CaseFigures}). The delegates and the listener that book fees and waivers from the models sit
 * beside the services and only call them; they alone use the engine's API here. The services take plain values, and
 * {@code DmnLateFeePolicySource} reads and evaluates the deployed late-fee DMN versions through
 * {@code kernel.CaseEngine} ({@code EngineBoundaryArchitectureTest}).
 */
package com.collectwise.fees;
