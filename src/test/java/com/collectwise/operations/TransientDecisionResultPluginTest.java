package com.collectwise.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionResultEntriesImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionResultImpl;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The transient {@code decisionResult} of a business rule task is kept as it is and not serialized (Camunda's Java
 * serializer wrote the whole result to bytes and Base64 for a variable that is never stored); a stored variable is
 * Camunda's business as before. Every business rule task of the process tests reads its result through it.
 */
@SpringBootTest
@ActiveProfiles("test")
class TransientDecisionResultPluginTest {

    @Autowired
    ProcessEngine engine;

    private static DmnDecisionResult result() {
        DmnDecisionResultEntriesImpl entries = new DmnDecisionResultEntriesImpl();
        entries.putValue("formalDemandDays", Variables.integerValue(10));
        return new DmnDecisionResultImpl(List.of(entries));
    }

    private VariableInstanceEntity inCommand(java.util.function.Supplier<VariableInstanceEntity> make) {
        ProcessEngineConfigurationImpl configuration =
            (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        return configuration.getCommandExecutorTxRequired().execute(context -> make.get());
    }

    @Test
    void aTransientDecisionResultIsKeptAsItIsAndNotSerialized() {
        DmnDecisionResult result = result();
        Object[] read = new Object[1];
        VariableInstanceEntity variable = inCommand(() -> {
            VariableInstanceEntity v = VariableInstanceEntity.create("decisionResult",
                Variables.untypedValue(result, true), true);
            // as the engine reads a transient variable (AbstractVariableScope#getVariable)
            read[0] = v.getTypedValue(true).getValue();
            return v;
        });

        assertThat(variable.getSerializerName()).isEqualTo(TransientDecisionResultPlugin.Serializer.NAME);
        assertThat(variable.getByteArrayValue()).as("no serialized copy").isNull();
        assertThat(variable.getTextValue()).isNull();
        assertThat(read[0]).isSameAs(result);
        assertThat(((DmnDecisionResult) read[0]).getSingleResult().getEntryMap())
            .isEqualTo(Map.of("formalDemandDays", 10));
    }

    @Test
    void anythingElseGoesToCamundasSerializers() {
        VariableInstanceEntity stored = inCommand(() -> VariableInstanceEntity.create("plain",
            Variables.stringValue("casePlan"), false));
        assertThat(stored.getSerializerName()).isEqualTo("string");
        VariableInstanceEntity transientText = inCommand(() -> VariableInstanceEntity.create("note",
            Variables.stringValue("x", true), true));
        assertThat(transientText.getSerializerName()).isEqualTo("string");
    }
}
