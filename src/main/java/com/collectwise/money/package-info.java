/**
 * The money core: amounts with their currency's minor unit, ledger lines, rates as step functions and the replay of
 * a customer's dated events into statements (AccountReplay). Plain Java only (an ArchUnit test keeps it so):
 * fees.StatementService loads the facts and calls it.
 */
package com.collectwise.money;
