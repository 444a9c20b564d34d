package com.collectwise.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The application's engine opens its entity managers through {@link LeanInsertPlugin} (every insert of every test). */
@SpringBootTest
@ActiveProfiles("test")
class LeanInsertWiringTest {

    @Autowired
    ProcessEngine engine;

    @Test
    void theEngineUsesTheLeanEntityManager() {
        ProcessEngineConfigurationImpl configuration =
            (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getSessionFactories().get(DbEntityManager.class))
            .isInstanceOf(LeanInsertPlugin.Factory.class);
        Object opened = configuration.getCommandExecutorTxRequired()
            .execute(context -> (Object) context.getSession(DbEntityManager.class));
        assertThat(opened).isInstanceOf(LeanInsertPlugin.LeanEntityManager.class);
    }
}
