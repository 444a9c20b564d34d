package com.collectwise.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.util.ReflectionTestUtils;

import com.collectwise.screens.ScreenForms;

/**
 * Every user task of every deployed process names its form through {@code screenForms}: the expression resolves in
 * the running engine (as Tasklist reads it when it lists or opens a task) to a form that was deployed, English or
 * Chinese by the installation's screen language.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
class ScreenFormsProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RepositoryService repository;
    @Autowired FormService forms;
    @Autowired ScreenForms screenForms;

    @AfterEach
    void english() {
        ReflectionTestUtils.setField(screenForms, "chinese", false);
    }

    @Test
    void everyUserTaskShowsADeployedFormInTheScreenLanguage() {
        Map<String, String> english = resolveEveryTaskForm();
        assertThat(english).as("user tasks with a form").hasSizeGreaterThanOrEqualTo(16)
            .containsEntry("Process_Litigation/Task_FileSuit", "Form_FileSuit")
            .containsEntry("Process_RequestWaiver/Task_ApproveWaiver", "Form_ApproveWaiver");
        english.forEach((task, form) -> assertThat(form).as(task).startsWith("Form_").doesNotEndWith("_zh"));

        ReflectionTestUtils.setField(screenForms, "chinese", true);
        Map<String, String> chinese = resolveEveryTaskForm();
        assertThat(chinese.keySet()).isEqualTo(english.keySet());
        chinese.forEach((task, form) -> assertThat(form).as(task).isEqualTo(english.get(task) + "_zh"));

        List<String> missing = new ArrayList<>();
        for (String form : List.copyOf(new java.util.TreeSet<>(concat(english.values(), chinese.values())))) {
            if (!deployed(form)) {
                missing.add(form);
            }
        }
        assertThat(missing).as("forms named by a user task but not deployed").isEmpty();
    }

    /**
     * The engine hands a start event's formRef to Tasklist as written, without evaluating it (7.24's
     * DefaultStartFormHandler uses the expression text): a start form cannot follow the screen language, so the two
     * start forms name their English form. Fails, as a reminder to switch them, once an engine evaluates it.
     */
    @Test
    void aStartFormRefIsNotEvaluatedSoTheStartFormsStayEnglish() {
        ReflectionTestUtils.setField(screenForms, "chinese", true);
        assertThat(startFormKey("Process_MoveCaseToStage")).isEqualTo("Form_MoveCaseToStage");
        assertThat(startFormKey("Process_RequestWaiver")).isEqualTo("Form_RequestWaiver");

        String deployment = repository.createDeployment().name("start-form-expression-probe")
            .addModelInstance("probe.bpmn", Bpmn.createExecutableProcess("Process_StartFormProbe")
                .camundaHistoryTimeToLive(1).startEvent().camundaFormRef("${screenForms.form('Form_RequestWaiver')}").camundaFormRefBinding("latest")
                .endEvent().done())
            .deploy().getId();
        try {
            assertThat(startFormKey("Process_StartFormProbe")).isEqualTo("${screenForms.form('Form_RequestWaiver')}");
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }

    private String startFormKey(String processKey) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
            .latestVersion().singleResult();
        return forms.getStartFormData(definition.getId()).getCamundaFormRef().getKey();
    }

    /** process key/task id → the form id its formRef resolves to now. */
    private Map<String, String> resolveEveryTaskForm() {
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        Map<String, String> resolved = new TreeMap<>();
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
            config.getCommandExecutorTxRequired().execute(context -> {
                ProcessDefinitionEntity entity = config.getDeploymentCache()
                    .findDeployedProcessDefinitionById(definition.getId());
                for (TaskDefinition task : entity.getTaskDefinitions().values()) {
                    if (task.getCamundaFormDefinitionKey() != null) {
                        Object form = task.getCamundaFormDefinitionKey()
                            .getValue(StartProcessVariableScope.getSharedInstance());
                        resolved.put(definition.getKey() + "/" + task.getKey(), String.valueOf(form));
                    }
                }
                return null;
            });
        }
        return resolved;
    }

    private boolean deployed(String formId) {
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        return config.getCommandExecutorTxRequired().execute(context ->
            context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(formId) != null);
    }

    private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
