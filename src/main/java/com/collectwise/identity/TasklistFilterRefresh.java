package com.collectwise.identity;

import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.BusinessClock;

/**
 * Keeps the Tasklist filters current without expressions: "now" and "end of today" move on, and a
 * collector or supervisor added in Admin gets their own "My calls today" (see {@link TasklistFilters}).
 * Every node does it; the work is the same and a lost race is caught up a minute later.
 */
@Component
public class TasklistFilterRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(TasklistFilterRefresh.class);

    private final ProcessEngine engine;
    private final BusinessClock clock;

    public TasklistFilterRefresh(ProcessEngine engine, BusinessClock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    @Scheduled(cron = "${collectwise.tasklist-filters.refresh-cron}")
    public void refresh() {
        try {
            TasklistFilters.refresh(engine, clock.zone());
        } catch (RuntimeException e) {
            // a database outage or a concurrent change: the filters keep yesterday's dates for a minute more
            LOG.warn("Could not refresh the Tasklist filters: {}", e.toString());
        }
    }
}
