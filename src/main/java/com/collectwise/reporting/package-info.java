/**
 * Owns the reports: the ageing of open receivables per currency (by days past due and by stage), the finance
 * dashboard, the collector report and the customer file view. Reads the figures of the capabilities; writes nothing.
 */
package com.collectwise.reporting;
