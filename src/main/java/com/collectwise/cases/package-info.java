/**
 * The collection case: invoices, their stage plan, calls, promises and the case file (contact log).
 * Holds the delegates and listeners of the collection models next to the plain services they call.
 */
package com.collectwise.cases;
