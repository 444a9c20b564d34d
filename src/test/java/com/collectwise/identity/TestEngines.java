package com.collectwise.identity;

import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/**
 * A private in-memory engine configured like the application's where identity is concerned:
 * authorization checks and the password policy on, no expressions in queries. Much faster than a Spring
 * context per case.
 */
final class TestEngines {

    private TestEngines() {
    }

    static ProcessEngine fresh() {
        // without a Spring context logback prints every engine statement at DEBUG
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        String name = "identity-" + UUID.randomUUID();
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl)
            ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration();
        config.setProcessEngineName(name);
        config.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        config.setAuthorizationEnabled(true);
        config.setEnablePasswordPolicy(true);
        // as in application.yaml (CVE-2026-109432): a filter with an expression would fail to run
        config.setEnableExpressionsInStoredQueries(false);
        config.setEnableExpressionsInAdhocQueries(false);
        config.setJobExecutorActivate(false);
        config.setDbMetricsReporterActivate(false);
        return config.buildProcessEngine();
    }

    static void close(ProcessEngine engine) {
        if (engine != null) {
            engine.close();
        }
    }
}
