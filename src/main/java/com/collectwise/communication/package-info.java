/**
 * What the case says to customers and colleagues: reminders, dunning letters and alerts, queued in the
 * outbox (idempotent per key) for the dispatcher; the delegates that write them sit next to the outbox.
 */
package com.collectwise.communication;
