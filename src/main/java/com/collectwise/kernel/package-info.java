/**
 * The shared kernel every capability builds on: the invoice and the customer as records, their tables' common
 * reads ({@code InvoiceRepository}), the business clock and working calendar, the process-variable contract
 * ({@code CaseVariables}, {@code Stage}), the contact log, and {@code CaseEngine}, the gateway through which
 * services reach the engine with plain values (start cases, correlate messages, tasks, the customer's copies in its
 * cases, the decision tables supervisors edit, the engine clock). It depends only on the
 * money core and the HTTP error contract; nothing here knows a capability (see
 * {@code PackageLayersArchitectureTest}).
 */
package com.collectwise.kernel;
