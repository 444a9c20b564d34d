package com.collectwise.operations;

import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import com.collectwise.communication.Outbox;
import com.collectwise.kernel.InvoiceRepository;
import com.collectwise.kernel.Stage;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Operational gauges for Prometheus (/actuator/prometheus): open cases per stage, the outbox backlog,
 * timers that are overdue (the job executor is behind) and open incidents. Read at scrape time.
 */
@Component
public class CollectionMetrics implements MeterBinder {

    private final ManagementService management;
    private final RuntimeService runtime;
    private final InvoiceRepository invoices;
    private final Outbox outbox;

    public CollectionMetrics(ManagementService management, RuntimeService runtime,
                             InvoiceRepository invoices, Outbox outbox) {
        this.invoices = invoices;
        this.outbox = outbox;
        this.management = management;
        this.runtime = runtime;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Stage stage : List.of(Stage.values())) {
            Gauge.builder("collectwise.cases.open", () -> invoices.countOpenAtStage(stage))
                .tag("stage", stage.name())
                .description("Open collection cases per stage")
                .register(registry);
        }
        Gauge.builder("collectwise.outbox.backlog", outbox::countUndispatched)
            .description("Outbox messages not yet dispatched")
            .register(registry);
        Gauge.builder("collectwise.timers.overdue", () -> management.createJobQuery().timers().duedateLowerThan(
                new java.util.Date(System.currentTimeMillis() - 60_000)).withRetriesLeft().count())
            .description("Timers due for more than a minute and not yet executed")
            .register(registry);
        Gauge.builder("collectwise.incidents.open", () -> runtime.createIncidentQuery().count())
            .description("Open incidents (failed jobs needing attention in Cockpit)")
            .register(registry);
    }
}
