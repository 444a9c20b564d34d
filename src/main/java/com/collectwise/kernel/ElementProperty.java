package com.collectwise.kernel;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
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

    /**
     * What an element of a deployed process definition says does not change (a definition's id names one deployed
     * version): each answer is read from the model once per definition, element and question, not at every stage
     * entry or notice (the model API walks the element's XML and builds its instances for every read: about 2.6 % of
     * a case start's CPU before, bench/results/TUNING.md rows 29 and 35). Bounded by the deployed definitions, their
     * elements and the few questions the code asks.
     */
    private static final Map<Question, Optional<Object>> ANSWERS = new ConcurrentHashMap<>();

    private record Question(String processDefinitionId, String elementId, String question) {
    }

    /**
     * The answer for the element the execution is on, read once per process definition; read again every time where
     * the element is not told by the activity (a listener on a sequence flow) or the execution names no definition.
     */
    private static Object answer(DelegateExecution execution, String question, Supplier<Object> read) {
        String definition = execution.getProcessDefinitionId();
        String element = execution.getCurrentActivityId();
        if (definition == null || element == null || ExecutionListener.EVENTNAME_TAKE.equals(execution.getEventName())) {
            return read.get();
        }
        return ANSWERS.computeIfAbsent(new Question(definition, element, question),
            q -> Optional.ofNullable(read.get())).orElse(null);
    }

    /** The property's value, or {@code null} when the element does not set it. */
    public static String of(DelegateExecution execution, String name) {
        return (String) answer(execution, "property " + name, () -> read(execution, name));
    }

    private static String read(DelegateExecution execution, String name) {
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
        return (Boolean) answer(execution, "next task runs " + bean, () -> nextRuns(execution, bean));
    }

    private static boolean nextRuns(DelegateExecution execution, String bean) {
        if (!(execution.getBpmnModelElementInstance() instanceof FlowNode node)) {
            return false;
        }
        String expression = "${" + bean + "}";
        return node.getOutgoing().stream().map(flow -> flow.getTarget())
            .anyMatch(t -> t instanceof ServiceTask task && expression.equals(task.getCamundaDelegateExpression()));
    }
}
