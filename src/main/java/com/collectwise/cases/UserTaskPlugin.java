package com.collectwise.cases;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * A plugin that adds task listeners to user tasks when their model is parsed (after the model's own listeners), on
 * every model version, without touching the models. Subclasses say which tasks and which listeners; the beans the
 * listeners need are looked up per event, as the engine is built before the services.
 */
abstract class UserTaskPlugin extends AbstractProcessEnginePlugin {

    @Override
    public final void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
                    userTaskParsed(behavior.getTaskDefinition());
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    /** Called for every user task parsed: add listeners to {@code task} when it is one of this plugin's. */
    protected abstract void userTaskParsed(TaskDefinition task);
}
