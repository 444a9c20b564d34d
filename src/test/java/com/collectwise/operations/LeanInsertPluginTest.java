package com.collectwise.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.junit.jupiter.api.Test;

/** The lean id check: no message built for a good id, Camunda's own exception and text for a bad one. */
class LeanInsertPluginTest {

    static final class Counted extends VariableInstanceEntity {
        int printed;

        @Override
        public String toString() {
            printed++;
            return "Counted[" + getId() + "]";
        }
    }

    final LeanInsertPlugin.LeanEntityManager manager = new LeanInsertPlugin.LeanEntityManager(null, null);

    @Test
    void aGoodIdIsNotPrinted() {
        Counted entity = new Counted();
        entity.setId("a1b2");
        manager.validateId(entity);
        // Camunda's DbEntityManager prints the entity for every INSERT (the message is built before the check)
        assertThat(entity.printed).isZero();
    }

    @Test
    void aMissingOrReservedIdFailsAsInCamunda() {
        Counted missing = new Counted();
        assertThatThrownBy(() -> manager.validateId(missing)).isInstanceOf(ProcessEngineException.class)
            .hasMessageContaining("Entity Counted[null] has an invalid id").hasMessageContaining("id is null");
        Counted reserved = new Counted();
        reserved.setId("*");
        assertThatThrownBy(() -> manager.validateId(reserved)).isInstanceOf(ProcessEngineException.class)
            .hasMessageContaining("Entity Counted[*] has an invalid id").hasMessageContaining("reserved identifier");
    }
}
