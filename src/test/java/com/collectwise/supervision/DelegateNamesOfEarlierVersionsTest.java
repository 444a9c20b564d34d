package com.collectwise.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.collectwise.agreements.CloseKeptAgreementDelegate;
import com.collectwise.api.ApiTestSupport;

/**
 * A plan on a model version from before both *Close kept agreement* tasks shared one delegate closes through the
 * former name: it resolves, in Spring and in the engine's expressions, to the very bean of the task's delegate now.
 * In the API tests' context (no context of its own).
 */
class DelegateNamesOfEarlierVersionsTest extends ApiTestSupport {

    @Autowired ApplicationContext context;
    @Autowired ProcessEngine engine;

    @Test
    void everyFormerNameIsTheDelegateOfItsTask() {
        assertThat(DelegateNamesOfEarlierVersions.FORMER_NAMES).isNotEmpty();
        DelegateNamesOfEarlierVersions.FORMER_NAMES.forEach((former, now) -> {
            assertThat(context.getBean(former)).as(former).isInstanceOf(JavaDelegate.class)
                .isSameAs(context.getBean(now));
            assertThat(context.getAliases(now)).as(now).contains(former);
        });
    }

    @Test
    void theEngineResolvesTheFormerPaidOffNameToTheCloseKeptAgreementDelegate() {
        ProcessEngineConfigurationImpl configuration =
            (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        Object resolved = configuration.getCommandExecutorTxRequired().execute(command -> configuration
            .getExpressionManager().createExpression("${closePaidOffAgreementDelegate}")
            .getValue(StartProcessVariableScope.getSharedInstance()));
        assertThat(resolved).isInstanceOf(CloseKeptAgreementDelegate.class)
            .isSameAs(context.getBean("closeKeptAgreementDelegate"));
    }
}
