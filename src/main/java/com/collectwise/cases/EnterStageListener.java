package com.collectwise.cases;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import com.collectwise.kernel.ElementProperty;
import com.collectwise.kernel.Stage;

/**
 * Start listener of every stage sub-process of the collection model: the case enters the stage named by the
 * sub-process's extension property {@code stage} (e.g. {@code stage=FORMAL_DEMAND}); see {@link StageTracker}.
 */
@Component("enterStageListener")
public class EnterStageListener implements ExecutionListener {

    /** The extension property that names the stage. */
    public static final String STAGE_PROPERTY = "stage";

    private final StageTracker stages;

    public EnterStageListener(StageTracker stages) {
        this.stages = stages;
    }

    @Override
    public void notify(DelegateExecution execution) {
        stages.enter(execution, Stage.valueOf(ElementProperty.required(execution, STAGE_PROPERTY)));
    }
}
