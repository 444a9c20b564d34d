package com.collectwise.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.junit.jupiter.api.Test;

/**
 * What the model says about an element is read from the model once per process definition, element and question
 * (TUNING.md row 35): a second execution on the same element of the same definition reads no model, another
 * definition (a new version) is read anew, a listener on a sequence flow reads every time.
 */
class ElementPropertyTest {

    static final BpmnModelInstance MODEL = Bpmn.readModelFromStream(new ByteArrayInputStream("""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     targetNamespace="test">
          <process id="P" isExecutable="true">
            <subProcess id="SubProcess_Stage">
              <extensionElements><camunda:properties><camunda:property name="stage" value="FORMAL_DEMAND" />
              </camunda:properties></extensionElements>
            </subProcess>
            <serviceTask id="Task_Send" camunda:delegateExpression="${sendDelegate}">
              <outgoing>Flow_Send_Charge</outgoing>
            </serviceTask>
            <serviceTask id="Task_Charge" camunda:delegateExpression="${chargeDelegate}">
              <incoming>Flow_Send_Charge</incoming>
            </serviceTask>
            <sequenceFlow id="Flow_Send_Charge" sourceRef="Task_Send" targetRef="Task_Charge" />
          </process>
        </definitions>""".getBytes(StandardCharsets.UTF_8)));

    static DelegateExecution on(String definition, String element, String event) {
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getProcessDefinitionId()).thenReturn(definition);
        when(execution.getCurrentActivityId()).thenReturn(element);
        when(execution.getEventName()).thenReturn(event);
        when(execution.getBpmnModelElementInstance()).thenReturn((FlowElement) MODEL.getModelElementById(element));
        return execution;
    }

    @Test
    void aPropertyIsReadOncePerDefinitionAndElement() {
        String definition = "P:1:" + UUID.randomUUID();
        DelegateExecution first = on(definition, "SubProcess_Stage", "start");
        DelegateExecution second = on(definition, "SubProcess_Stage", "start");
        DelegateExecution newVersion = on("P:2:" + UUID.randomUUID(), "SubProcess_Stage", "start");

        assertThat(ElementProperty.required(first, "stage")).isEqualTo("FORMAL_DEMAND");
        assertThat(ElementProperty.of(first, "alert")).as("not set: also kept").isNull();
        assertThat(ElementProperty.of(second, "stage")).isEqualTo("FORMAL_DEMAND");
        assertThat(ElementProperty.of(second, "alert")).isNull();
        assertThat(ElementProperty.of(newVersion, "stage")).isEqualTo("FORMAL_DEMAND");

        verify(first, times(2)).getBpmnModelElementInstance();
        verify(second, never()).getBpmnModelElementInstance();
        verify(newVersion, times(1)).getBpmnModelElementInstance();
    }

    @Test
    void whetherTheNextTaskRunsABeanIsReadOncePerDefinitionAndElement() {
        String definition = "P:1:" + UUID.randomUUID();
        DelegateExecution first = on(definition, "Task_Send", "start");
        DelegateExecution second = on(definition, "Task_Send", "start");

        assertThat(ElementProperty.nextTaskRuns(first, "chargeDelegate")).isTrue();
        assertThat(ElementProperty.nextTaskRuns(first, "otherDelegate")).isFalse();
        assertThat(ElementProperty.nextTaskRuns(second, "chargeDelegate")).isTrue();
        assertThat(ElementProperty.nextTaskRuns(second, "otherDelegate")).isFalse();

        verify(second, never()).getBpmnModelElementInstance();
    }

    @Test
    void aListenerOnASequenceFlowReadsTheModelEveryTime() {
        String definition = "P:1:" + UUID.randomUUID();
        DelegateExecution take = on(definition, "SubProcess_Stage", "take");
        ElementProperty.of(take, "stage");
        ElementProperty.of(take, "stage");
        verify(take, times(2)).getBpmnModelElementInstance();
    }
}
