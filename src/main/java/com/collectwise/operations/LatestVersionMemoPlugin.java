package com.collectwise.operations;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionManager;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Puts {@link LatestVersionMemo} in front of the engine's deployment cache, so that a case start, a call activity and a
 * business rule task bound to the latest version do not ask the database which version that is (issue 18; TUNING.md,
 * change 49). {@code collectwise.engine.latest-version-ttl} ({@link EngineSettings}, default PT5S) is how long a node
 * uses what it read, and so how late it sees a version deployed, deleted or suspended on another node; PT0S leaves
 * Camunda's cache alone (every such look-up asks the database, as before).
 * <p>
 * In postInit: Camunda creates its deployment cache in {@code initDeployers} only when none is set, and only then
 * gives it the deployers; it builds it with a cache factory and capacity the configuration has no getters for. A cache
 * set in preInit would be kept but get no deployers (it could parse nothing), so the memo is put in front of the one
 * the engine built, before the engine deploys anything, and hands everything but the latest-version look-ups to it.
 * The engine's process definition manager is replaced by one that makes the memo forget when a process definition is
 * suspended or activated on this node (by the API, Cockpit or a suspension job), so that a start after it behaves as
 * in Camunda.
 * <p>
 * In preInit, the history event producer: Camunda's fills the process definition's id, key, version and name into the
 * history events of an instance from the definition the command loaded from the database, and SELECTs it by id when
 * the command has not (Camunda's look-up by key loaded it; a start served from the memo has not). These four never
 * change for a definition id: {@link DeployedDefinitions} reads them from Camunda's deployment cache first.
 */
@Component
public class LatestVersionMemoPlugin extends AbstractProcessEnginePlugin {

    private final Duration ttl;
    private final LongSupplier nanoClock;

    @Autowired
    public LatestVersionMemoPlugin(EngineSettings settings) {
        this(settings.latestVersionTtl(), System::nanoTime);
    }

    LatestVersionMemoPlugin(Duration ttl, LongSupplier nanoClock) {
        this.ttl = ttl;
        this.nanoClock = nanoClock;
    }

    private boolean enabled() {
        return !ttl.isZero() && !ttl.isNegative();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (enabled() && configuration.getHistoryEventProducer() == null) {
            configuration.setHistoryEventProducer(new DeployedDefinitions()); // else initHistoryEventProducer's
        }
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        DeploymentCache camunda = configuration.getDeploymentCache();
        if (!enabled() || camunda == null || camunda instanceof LatestVersionMemo) {
            return;
        }
        configuration.setDeploymentCache(new LatestVersionMemo(camunda, ttl, nanoClock));
        configuration.getSessionFactories().put(ProcessDefinitionManager.class, new Managers());
    }

    /** Opens {@link SuspensionForgetting} managers where the engine asks for its process definition manager. */
    static final class Managers implements SessionFactory {

        @Override
        public Class<?> getSessionType() {
            return ProcessDefinitionManager.class;
        }

        @Override
        public Session openSession() {
            return new SuspensionForgetting();
        }
    }

    /**
     * Camunda's process definition manager; a change of suspension state (an UPDATE of ACT_RE_PROCDEF, not seen by the
     * deployment cache) makes the memo forget, now and when the transaction commits.
     */
    static final class SuspensionForgetting extends ProcessDefinitionManager {

        @Override
        public void updateProcessDefinitionSuspensionStateById(String processDefinitionId,
                                                               SuspensionState suspensionState) {
            super.updateProcessDefinitionSuspensionStateById(processDefinitionId, suspensionState);
            forget();
        }

        @Override
        public void updateProcessDefinitionSuspensionStateByKey(String processDefinitionKey,
                                                                SuspensionState suspensionState) {
            super.updateProcessDefinitionSuspensionStateByKey(processDefinitionKey, suspensionState);
            forget();
        }

        @Override
        public void updateProcessDefinitionSuspensionStateByKeyAndTenantId(String processDefinitionKey, String tenantId,
                                                                           SuspensionState suspensionState) {
            super.updateProcessDefinitionSuspensionStateByKeyAndTenantId(processDefinitionKey, tenantId,
                suspensionState);
            forget();
        }

        private static void forget() {
            if (Context.getProcessEngineConfiguration() != null
                && Context.getProcessEngineConfiguration().getDeploymentCache() instanceof LatestVersionMemo memo) {
                memo.forgetKind(LatestVersionMemo.Kind.PROCESS);
            }
        }
    }

    /**
     * Camunda's history event producer, which reads the process definition of an event (id, key, version, name: fixed
     * for a definition id) from the command's own entities, else from the deployment cache, else from the database.
     */
    static final class DeployedDefinitions extends CacheAwareHistoryEventProducer {

        @Override
        protected ProcessDefinitionEntity getProcessDefinitionEntity(String processDefinitionId) {
            CommandContext context = Context.getCommandContext();
            if (context != null && processDefinitionId != null) {
                ProcessDefinitionEntity loaded = context.getDbEntityManager()
                    .getCachedEntity(ProcessDefinitionEntity.class, processDefinitionId);
                if (loaded != null) {
                    return loaded;
                }
                ProcessDefinitionEntity deployed = context.getProcessEngineConfiguration().getDeploymentCache()
                    .findProcessDefinitionFromCache(processDefinitionId);
                if (deployed != null) {
                    return deployed;
                }
            }
            return super.getProcessDefinitionEntity(processDefinitionId);
        }
    }
}
