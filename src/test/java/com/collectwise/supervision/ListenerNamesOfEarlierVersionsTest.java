package com.collectwise.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.collectwise.api.ApiTestSupport;

/**
 * A case on a model version from before the listeners were named after their tasks creates and completes its
 * tasks through the former names: each resolves, in Spring and in the engine's expressions, to the very bean of
 * the task's listener now. In the API tests' context (no context of its own).
 */
class ListenerNamesOfEarlierVersionsTest extends ApiTestSupport {

    @Autowired ApplicationContext context;
    @Autowired ProcessEngine engine;

    @Test
    void everyFormerNameIsTheListenerOfItsTask() {
        assertThat(ListenerNamesOfEarlierVersions.FORMER_NAMES).isNotEmpty();
        ListenerNamesOfEarlierVersions.FORMER_NAMES.forEach((former, now) -> {
            assertThat(context.getBean(former)).as(former).isInstanceOf(TaskListener.class)
                .isSameAs(context.getBean(now));
            assertThat(context.getAliases(now)).as(now).contains(former);
        });
    }

    @Test
    void theEngineResolvesAFormerNameToTheSameBean() {
        ProcessEngineConfigurationImpl configuration =
            (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        Object resolved = configuration.getCommandExecutorTxRequired().execute(command -> configuration
            .getExpressionManager().createExpression("${prepareCallListener}")
            .getValue(StartProcessVariableScope.getSharedInstance()));
        assertThat(resolved).isSameAs(context.getBean("callCustomerListener"));
    }
}
