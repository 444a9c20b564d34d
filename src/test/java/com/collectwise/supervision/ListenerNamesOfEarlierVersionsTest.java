package com.collectwise.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
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
    @Autowired RepositoryService repository;
    @Autowired TaskService tasks;

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

    /**
     * A task of an earlier model version, bound to {@code ${validateClosingDecisionListener}}, completes through
     * {@code ApproveWriteOffListener}: it refuses a decision without reason and records the assignee who approved a
     * valid one.
     * The model is deployed under a key of its own and removed afterwards.
     */
    @Test
    void aTaskOfAnEarlierVersionCompletesThroughItsFormerListenerName() {
        BpmnModelInstance earlier = Bpmn.createExecutableProcess("Process_FormerListenerName")
            .startEvent()
            .userTask("Task_Decide").camundaTaskListenerDelegateExpression("complete",
                "${validateClosingDecisionListener}")
            .userTask("Task_Afterwards")
            .endEvent().done();
        String deployment = repository.createDeployment().addModelInstance("former-listener-name.bpmn", earlier)
            .deploy().getId();
        try {
            identity.clearAuthentication();
            ProcessInstance instance = runtime.startProcessInstanceByKey("Process_FormerListenerName");
            Task decide = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
            tasks.setAssignee(decide.getId(), FINANCE);
            assertThatThrownBy(() -> tasks.complete(decide.getId(), Map.of("closingDecision", "WRITE_OFF")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("give the reason for the decision");
            tasks.complete(decide.getId(), Map.of("closingDecision", "WRITE_OFF", "decisionReason", "uncollectible"));
            assertThat(runtime.getVariable(instance.getId(), "approvedBy")).isEqualTo(FINANCE);
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }
}
