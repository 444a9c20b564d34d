package com.collectwise.operations;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;
import org.springframework.stereotype.Component;

/**
 * Camunda's entity manager checks the id of every row it inserts with a message built beforehand: {@code "Entity " +
 * entity + " has an invalid id"}, i.e. the entity's {@code toString()} - every field, dates formatted with their time
 * zone's display name - for every INSERT, thrown away when the id is fine, which it always is (a JFR profile of the
 * case start put about 5 % of the start threads' CPU samples there; bench/results/TUNING.md, change 44). This
 * entity manager runs the same check (Camunda's {@code EnsureUtil.ensureValidIndividualResourceId}: not null, not
 * the reserved {@code *}) and builds the message only for an id that fails it: the same exception, the same text.
 */
@Component
public class LeanInsertPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // replaces the factory initSessionFactories registered for DbEntityManager (keyed by session type)
        configuration.getSessionFactories().put(DbEntityManager.class, new Factory(configuration.getIdGenerator()));
    }

    static final class Factory extends DbEntityManagerFactory {

        Factory(IdGenerator idGenerator) {
            super(idGenerator);
        }

        @Override
        public DbEntityManager openSession() {
            return new LeanEntityManager(idGenerator,
                Context.getCommandContext().getSession(PersistenceSession.class));
        }
    }

    static final class LeanEntityManager extends DbEntityManager {

        LeanEntityManager(IdGenerator idGenerator, PersistenceSession persistenceSession) {
            super(idGenerator, persistenceSession);
        }

        @Override
        protected void validateId(DbEntity dbEntity) {
            String id = dbEntity.getId();
            if (id == null || "*".equals(id)) {
                super.validateId(dbEntity); // the engine's own check and message
            }
        }
    }
}
