package com.collectwise.operations;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The job executor acquires by due date (application.yaml, {@code jobExecutorAcquireByDueDate}, from Camunda's
 * performance guide for timer-heavy work): its acquisition query filters and orders on ACT_RU_JOB.DUEDATE_, and
 * Camunda's schema has no index on that column, neither for H2 nor for PostgreSQL (checked in the 7.24
 * create scripts: job indexes on execution, handler, process instance, root instance, tenant, job definition,
 * handler type only). With 100,000 open cases most jobs are timers far in the future; the index lets the
 * database find the few that are due instead of reading them all.
 * <p>
 * Created after the engine built its schema (Flyway runs before that, so a migration cannot), under our own
 * name so that Camunda's upgrade scripts never meet a name of theirs; {@code IF NOT EXISTS} on both databases.
 */
@Component
public class JobDueDateIndexPlugin extends AbstractProcessEnginePlugin {

    static final String INDEX = "CW_IDX_JOB_DUEDATE";
    private static final Logger LOG = LoggerFactory.getLogger(JobDueDateIndexPlugin.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration =
            (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
        try (Connection connection = configuration.getDataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX IF NOT EXISTS " + INDEX + " ON " + prefix + "ACT_RU_JOB (DUEDATE_)");
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            // a missing index costs speed, not correctness: the engine runs without it
            LOG.warn("Could not create index {} on ACT_RU_JOB (DUEDATE_): {}", INDEX, e.getMessage());
        }
    }
}
