package com.collectwise.kernel;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * What the model says about the element a delegate or listener runs on. Mostly a {@code camunda:properties}
 * extension property: how a model tells one class what to do where it is placed ({@code stage=FORMAL_DEMAND} on a
 * stage sub-process, {@code alert=VISIT_OVERDUE} on an "Alert supervisor" task), instead of an expression argument
 * or a branch on the element's id; and which bean the task right after it runs ({@link #nextTaskRuns}).
 */
public final class ElementProperty {

    private ElementProperty() {
    }

    /** The property's value, or {@code null} when the element does not set it. */
    public static String of(DelegateExecution execution, String name) {
        BaseElement element = execution.getBpmnModelElementInstance();
        ExtensionElements extensions = element == null ? null : element.getExtensionElements();
        if (extensions == null) {
            return null;
        }
        for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
            for (CamundaProperty property : properties.getCamundaProperties()) {
                if (name.equals(property.getCamundaName())) {
                    return property.getCamundaValue();
                }
            }
        }
        return null;
    }

    /** The property's value; the element must set it. */
    public static String required(DelegateExecution execution, String name) {
        String value = of(execution, name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(execution.getCurrentActivityId() + " has no camunda:property " + name);
        }
        return value;
    }

    /**
     * Whether a service task right after the element the delegate runs on runs the bean {@code bean} (e.g. a
     * notice quotes its fee only when the next task books it): what the model around the element says, not a
     * branch on its id.
     */
    public static boolean nextTaskRuns(DelegateExecution execution, String bean) {
        if (!(execution.getBpmnModelElementInstance() instanceof FlowNode node)) {
            return false;
        }
        String expression = "${" + bean + "}";
        return node.getOutgoing().stream().map(flow -> flow.getTarget())
            .anyMatch(t -> t instanceof ServiceTask task && expression.equals(task.getCamundaDelegateExpression()));
    }
}
