/**
 * Running the engine in production: the history level that keeps what people read ({@code collection}), the engine
 * plugin that installs it, and the metrics of open cases, the outbox backlog and overdue timers.
 */
package com.collectwise.operations;
