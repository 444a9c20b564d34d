package com.collectwise.operations;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.springframework.stereotype.Component;

/** Makes the history level {@value CollectionHistoryLevel#NAME} available to {@code camunda.bpm.history-level}. */
@Component
public class CollectionHistoryPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(new CollectionHistoryLevel());
        configuration.setCustomHistoryLevels(levels);
    }
}
