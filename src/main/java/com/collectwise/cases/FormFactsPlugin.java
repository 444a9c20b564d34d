package com.collectwise.cases;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Gives every user task whose form shows the due date, the days overdue or the decision maker ({@code {{dueDate}}},
 * {@code {{daysOverdue}}}, {@code {{decisionMaker}}} in a form of {@code forms/}) a create listener that puts them
 * on the task ({@link FormFactsListener}). Added at parse time, after the model's own listeners, so the models need
 * no listener of their own and a task a supervisor adds in Modeler with such a form gets them too; tasks of earlier
 * model versions get them as well when their definitions are parsed again.
 */
@Component
public class FormFactsPlugin extends UserTaskPlugin {

    /** The variables the listener sets: a form showing one of them gets them all. */
    static final List<String> FACTS = List.of("{{dueDate}}", "{{daysOverdue}}", "{{decisionMaker}}",
        "{{stageName}}", "{{outstandingFigures}}");
    private static final Pattern FORM_ID = Pattern.compile("(Form_\\w+)");

    private final ObjectProvider<FormFactsListener> listener;
    private final Set<String> formsShowingFacts;

    public FormFactsPlugin(ObjectProvider<FormFactsListener> listener) {
        this.listener = listener;
        this.formsShowingFacts = formsShowingFacts();
    }

    @Override
    protected void userTaskParsed(TaskDefinition task) {
        if (showsFacts(task.getCamundaFormDefinitionKey())) {
            task.addTaskListener(TaskListener.EVENTNAME_CREATE, t -> listener.getObject().notify(t));
        }
    }

    /** Whether the task's form reference ({@code ${screenForms.form('Form_X')}} or a plain id) names such a form. */
    boolean showsFacts(Expression formRef) {
        if (formRef == null) {
            return false;
        }
        Matcher m = FORM_ID.matcher(formRef.getExpressionText());
        while (m.find()) {
            if (formsShowingFacts.contains(m.group(1))) {
                return true;
            }
        }
        return false;
    }

    Set<String> formsShowingFacts() {
        Set<String> ids = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (Resource form : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form")) {
                try (InputStream in = form.getInputStream()) {
                    String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    JsonNode id = json.readTree(text).path("id");
                    if (id.isTextual() && FACTS.stream().anyMatch(text::contains)) {
                        ids.add(id.asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the forms on the class path", e);
        }
        return ids;
    }
}
