/**
 * Disputes (异议) about part of an invoice: category, disputed amount, routing to the owning department, the
 * outcome (credit note through the ledger, or rejection). Dunning goes on for the undisputed part only.
 */
package com.collectwise.disputes;
