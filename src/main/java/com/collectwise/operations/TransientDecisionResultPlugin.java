package com.collectwise.operations;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * Every business rule task hands its result to the output mappings as the transient variable {@code decisionResult}
 * (Camunda's {@code DecisionEvaluationUtil}): never stored, never in history, gone when the task ends. Camunda still
 * builds a variable instance for it and so serializes the whole result with Java serialization and Base64 - twice,
 * once when it is set and once more when the command closes, to see whether it changed - and throws both away
 * (about 4 % of a case start's CPU, where "Determine collection policy" runs: bench/results/TUNING.md, row 56).
 * <p>
 * This plugin puts a serializer in front of Camunda's own that takes only transient decision results: it keeps the
 * value as it is (the output mappings read it unchanged) and writes nothing. Any other value, and a decision result
 * someone stores as an ordinary variable, goes to Camunda's serializers as before.
 */
@Component
public class TransientDecisionResultPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<TypedValueSerializer> serializers = configuration.getCustomPreVariableSerializers() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreVariableSerializers());
        serializers.add(0, new Serializer(configuration));
        configuration.setCustomPreVariableSerializers(serializers);
    }

    /** Takes transient decision results only; keeps them in memory, writes nothing. */
    static final class Serializer implements TypedValueSerializer<ObjectValue> {

        static final String NAME = "collectwise-transient-decision-result";

        private final ProcessEngineConfigurationImpl configuration;

        Serializer(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public ValueType getType() {
            return ValueType.OBJECT;
        }

        @Override
        public boolean canHandle(TypedValue value) {
            return value != null && value.isTransient() && value.getValue() instanceof DmnDecisionResult;
        }

        @Override
        public ObjectValue convertToTypedValue(UntypedValueImpl untypedValue) {
            return Variables.objectValue(untypedValue.getValue(), true).create();
        }

        @Override
        public void writeValue(ObjectValue value, ValueFields valueFields) {
            // transient: the engine never stores it, so there is nothing to write
        }

        @Override
        public ObjectValue readValue(ValueFields valueFields, boolean deserializeValue, boolean isTransient) {
            // a transient variable is read from the value kept in memory, never from its (empty) fields
            throw new IllegalStateException("the transient decision result '" + valueFields.getName()
                + "' was never stored and cannot be read back");
        }

        /**
         * Where a value matches several serializers Camunda takes the one of the default format: this one says it
         * writes that format, so it is chosen before Camunda's Java serializer (it comes first in the list).
         */
        @Override
        public String getSerializationDataformat() {
            return configuration.getDefaultSerializationFormat();
        }

        @Override
        public boolean isMutableValue(ObjectValue typedValue) {
            // nothing stored, so nothing to compare and write again when the command closes
            return false;
        }
    }
}
