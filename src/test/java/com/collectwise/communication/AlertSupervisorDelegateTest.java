package com.collectwise.communication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;

import com.collectwise.communication.AlertSupervisorDelegate.Alert;
import com.collectwise.kernel.CaseVariables;

/**
 * The reason of an alert: the task's {@code alert} property; on a model deployed before the property existed (cases
 * still running on it), the task's id, as the delegate read it then.
 */
class AlertSupervisorDelegateTest {

    private static final String[] TASKS = {"Task_AlertSupervisor",
        CaseVariables.TASK_ALERT_SUPERVISOR_ABOUT_OVERDUE_VISIT, CaseVariables.TASK_ALERT_SUPERVISOR_DECISION_MAKER_NOT_MET};

    private static BpmnModelInstance model(String alertOnEveryTask) {
        BpmnModelInstance model = Bpmn.createExecutableProcess("Alerts").startEvent()
            .serviceTask(TASKS[0]).camundaDelegateExpression("${alertSupervisorDelegate}")
            .serviceTask(TASKS[1]).camundaDelegateExpression("${alertSupervisorDelegate}")
            .serviceTask(TASKS[2]).camundaDelegateExpression("${alertSupervisorDelegate}")
            .endEvent().done();
        if (alertOnEveryTask != null) {
            for (String task : TASKS) {
                ServiceTask element = model.getModelElementById(task);
                CamundaProperty property = model.newInstance(CamundaProperty.class);
                property.setCamundaName(AlertSupervisorDelegate.ALERT_PROPERTY);
                property.setCamundaValue(alertOnEveryTask);
                CamundaProperties properties = model.newInstance(CamundaProperties.class);
                properties.addChildElement(property);
                element.builder().addExtensionElement(properties);
            }
        }
        return model;
    }

    private static Alert alertAt(BpmnModelInstance model, String task) {
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getCurrentActivityId()).thenReturn(task);
        when(execution.getBpmnModelElementInstance()).thenReturn(model.getModelElementById(task));
        return AlertSupervisorDelegate.alert(execution);
    }

    @Test
    void theTasksPropertySaysWhy() {
        BpmnModelInstance model = model("VISIT_OVERDUE");
        for (String task : TASKS) {
            assertThat(alertAt(model, task)).as(task).isEqualTo(Alert.VISIT_OVERDUE);
        }
    }

    @Test
    void aTaskOfAModelWithoutThePropertySaysWhyByItsId() {
        BpmnModelInstance model = model(null);
        assertThat(alertAt(model, "Task_AlertSupervisor")).isEqualTo(Alert.STAGE_REACHED);
        assertThat(alertAt(model, CaseVariables.TASK_ALERT_SUPERVISOR_ABOUT_OVERDUE_VISIT)).isEqualTo(Alert.VISIT_OVERDUE);
        assertThat(alertAt(model, CaseVariables.TASK_ALERT_SUPERVISOR_DECISION_MAKER_NOT_MET))
            .isEqualTo(Alert.DECISION_MAKER_NOT_MET);
    }
}
