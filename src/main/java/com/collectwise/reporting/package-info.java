/**
 * Owns the finance reports: the ageing of open receivables per currency, by days past due and by stage.
 * Reads the statement figures of com.collectwise.fees; writes nothing.
 */
package com.collectwise.reporting;
