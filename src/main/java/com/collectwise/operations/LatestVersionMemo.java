package com.collectwise.operations;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.cmmn.entity.repository.CaseDefinitionEntity;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionRequirementsDefinitionEntity;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.CachePurgeReport;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DefaultCacheFactory;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.cmmn.CmmnModelInstance;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.commons.utils.cache.Cache;

/**
 * Camunda's deployment cache with a memo of the latest version's id per key in front of it. Camunda keeps the parsed
 * definitions in memory, but asks the database which version is the latest every time a process is started by key
 * ({@code runtimeService.startProcessInstanceByKey}), a call activity or a business rule task bound to "latest" is
 * reached, or a decision is evaluated by key: one SELECT on ACT_RE_PROCDEF, ACT_RE_DECISION_DEF or ACT_RE_CASE_DEF each
 * time (2 of the 36 statements of a case start; TUNING.md, change 49). The memo keeps the answer's id for
 * {@code ttl}, then asks again; the definition itself still comes from Camunda's cache.
 * <ul>
 * <li>A deployment or a deletion on this node forgets every kept id at once and again when its transaction commits (a
 * case start that read the database before the commit does not keep what it read). A suspension or activation of a
 * process definition on this node does the same ({@link LatestVersionMemoPlugin}).</li>
 * <li>What another node deploys, deletes or suspends is seen within {@code ttl} (the memo's clock is monotonic, not the
 * business clock).</li>
 * <li>A kept id whose definition is no longer in Camunda's cache (deleted here, or evicted) is forgotten and the
 * database asked again; a command served from the memo that fails forgets what it was served, so a definition deleted
 * on another node fails the starts of this node once, not until the entry expires.</li>
 * <li>What the memo served a command, the command finds again by id without the database ({@link Served}), as it
 * would have found the row Camunda's look-up by key loaded; the history events read the definition's id, key, version
 * and name from Camunda's cache ({@link LatestVersionMemoPlugin}). Otherwise a served start would trade each SELECT
 * by key for one by id.</li>
 * <li>Only the plain look-ups: by key without a tenant (the start by key, if nobody is authenticated with tenants) and
 * by key for definitions without a tenant (calls and decisions of tenant-less processes); an answer with a tenant, a
 * look-up for a tenant and everything else is Camunda's, unchanged.</li>
 * <li>Left to Camunda's cache as it is: the definition's suspension state and history time to live as last read from
 * the database (by any look-up that went there), so a change made on another node reaches the starts by key within
 * {@code ttl}, as the new version does.</li>
 * </ul>
 * Everything else is handed to Camunda's cache, built by the engine as always (its cache factory, capacity and
 * deployers); this class's own inherited caches stay empty and unused.
 */
public class LatestVersionMemo extends DeploymentCache {

    /** At most this many keys (we have a few dozen); when full, the memo starts again. */
    static final int MAX_ENTRIES = 512;

    enum Kind { PROCESS, DECISION, CASE }

    /** A look-up: by key from any tenant the caller may see ({@code withoutTenant} false), or without a tenant. */
    record Key(Kind kind, String key, boolean withoutTenant) {
    }

    /** The latest version's id and when it was read (the memo's clock). */
    record Entry(String id, long readAt) {
    }

    private final DeploymentCache camunda;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Raised by every forgetting: an answer read before it is not kept. */
    private final AtomicLong generation = new AtomicLong();
    private final LongAdder asked = new LongAdder();
    private final LongAdder served = new LongAdder();
    private final ThreadLocal<Served> servedToThisThread = new ThreadLocal<>();

    /**
     * @param camunda Camunda's cache, as the engine built it
     * @param ttl how long a kept id is used (positive)
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass their own)
     */
    public LatestVersionMemo(DeploymentCache camunda, Duration ttl, LongSupplier nanoClock) {
        super(new DefaultCacheFactory(), 1);
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("the memo needs a positive time to live, not " + ttl);
        }
        this.camunda = camunda;
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Camunda's cache behind the memo. */
    public DeploymentCache camunda() {
        return camunda;
    }

    /** How many look-ups went to Camunda's cache (and so to the database). */
    public long asked() {
        return asked.sum();
    }

    /** How many look-ups the memo answered. */
    public long served() {
        return served.sum();
    }

    /** How many ids are kept. */
    public int kept() {
        return entries.size();
    }

    // the look-ups ////////////////////////////////////////////////////////////////////////////////////////////

    @Override
    public ProcessDefinitionEntity findDeployedLatestProcessDefinitionByKey(String key) {
        if (key == null || authenticatedWithTenants()) {
            return camunda.findDeployedLatestProcessDefinitionByKey(key);
        }
        return latest(new Key(Kind.PROCESS, key, false), camunda::findProcessDefinitionFromCache,
            () -> camunda.findDeployedLatestProcessDefinitionByKey(key));
    }

    @Override
    public ProcessDefinitionEntity findDeployedLatestProcessDefinitionByKeyAndTenantId(String key, String tenantId) {
        if (key == null || tenantId != null) {
            return camunda.findDeployedLatestProcessDefinitionByKeyAndTenantId(key, tenantId);
        }
        return latest(new Key(Kind.PROCESS, key, true), camunda::findProcessDefinitionFromCache,
            () -> camunda.findDeployedLatestProcessDefinitionByKeyAndTenantId(key, null));
    }

    @Override
    public DecisionDefinition findDeployedLatestDecisionDefinitionByKey(String key) {
        if (key == null || authenticatedWithTenants()) {
            return camunda.findDeployedLatestDecisionDefinitionByKey(key);
        }
        return latest(new Key(Kind.DECISION, key, false), camunda::findDecisionDefinitionFromCache,
            () -> camunda.findDeployedLatestDecisionDefinitionByKey(key));
    }

    @Override
    public DecisionDefinition findDeployedLatestDecisionDefinitionByKeyAndTenantId(String key, String tenantId) {
        if (key == null || tenantId != null) {
            return camunda.findDeployedLatestDecisionDefinitionByKeyAndTenantId(key, tenantId);
        }
        return latest(new Key(Kind.DECISION, key, true), camunda::findDecisionDefinitionFromCache,
            () -> camunda.findDeployedLatestDecisionDefinitionByKeyAndTenantId(key, null));
    }

    @Override
    public CaseDefinitionEntity findDeployedLatestCaseDefinitionByKey(String key) {
        if (key == null || authenticatedWithTenants()) {
            return camunda.findDeployedLatestCaseDefinitionByKey(key);
        }
        return latest(new Key(Kind.CASE, key, false), camunda::findCaseDefinitionFromCache,
            () -> camunda.findDeployedLatestCaseDefinitionByKey(key));
    }

    @Override
    public CaseDefinitionEntity findDeployedLatestCaseDefinitionByKeyAndTenantId(String key, String tenantId) {
        if (key == null || tenantId != null) {
            return camunda.findDeployedLatestCaseDefinitionByKeyAndTenantId(key, tenantId);
        }
        return latest(new Key(Kind.CASE, key, true), camunda::findCaseDefinitionFromCache,
            () -> camunda.findDeployedLatestCaseDefinitionByKeyAndTenantId(key, null));
    }

    @Override
    public ProcessDefinitionEntity findDeployedProcessDefinitionById(String id) {
        ProcessDefinitionEntity served = servedToTheCommand(id) ? camunda.findProcessDefinitionFromCache(id) : null;
        return served != null ? served : camunda.findDeployedProcessDefinitionById(id);
    }

    @Override
    public DecisionDefinitionEntity findDeployedDecisionDefinitionById(String id) {
        DecisionDefinitionEntity served = servedToTheCommand(id) ? camunda.findDecisionDefinitionFromCache(id) : null;
        return served != null ? served : camunda.findDeployedDecisionDefinitionById(id);
    }

    /**
     * The kept version while it is fresh and still in Camunda's cache; otherwise Camunda's answer (its query, its
     * checks and exceptions, its cache), kept when it has no tenant and nothing was forgotten while it was read.
     */
    private <T extends ResourceDefinition> T latest(Key key, Function<String, ? extends T> fromCamundasCache,
                                                   Supplier<? extends T> askCamunda) {
        Entry entry = entries.get(key);
        if (entry != null) {
            if (nanoClock.getAsLong() - entry.readAt() < ttlNanos) {
                T definition = fromCamundasCache.apply(entry.id());
                if (definition != null) {
                    servedToTheCommand(key, entry);
                    served.increment();
                    return definition;
                }
            }
            entries.remove(key, entry);
        }
        long before = generation.get();
        T definition = askCamunda.get();
        asked.increment();
        if (definition != null && definition.getTenantId() == null && definition.getId() != null) {
            keep(key, new Entry(definition.getId(), nanoClock.getAsLong()), before);
        }
        return definition;
    }

    private void keep(Key key, Entry entry, long generationRead) {
        if (generation.get() != generationRead) {
            return; // a deployment, deletion or suspension since the answer was read: it may be stale
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, entry);
        if (generation.get() != generationRead) {
            entries.remove(key, entry); // forgotten between the check and the put
        }
    }

    /** Camunda's look-up by key without tenant id filters by the authenticated user's tenants: not kept for those. */
    private static boolean authenticatedWithTenants() {
        CommandContext context = Context.getCommandContext();
        Authentication authentication = context == null ? null : context.getAuthentication();
        return authentication != null && authentication.getTenantIds() != null
            && !authentication.getTenantIds().isEmpty();
    }

    /** Notes what the memo served the running command: see {@link Served}. */
    private void servedToTheCommand(Key key, Entry entry) {
        CommandContext context = Context.getCommandContext();
        if (context == null) {
            return;
        }
        Served served = servedToThisThread.get();
        if (served == null || served.context != context) {
            served = new Served(context);
            servedToThisThread.set(served);
            context.registerCommandContextListener(served);
        }
        served.ids.add(entry.id());
        served.entries.put(key, entry);
    }

    /** Whether the memo served this definition to the running command. */
    private boolean servedToTheCommand(String id) {
        Served served = servedToThisThread.get();
        return served != null && id != null && served.context == Context.getCommandContext()
            && served.ids.contains(id);
    }

    /**
     * What the memo served one command. Camunda's look-up by key loads the definition's row into the command, and what
     * the command looks up by id later (e.g. a timer with a retry cycle, {@code DefaultJobRetryCmd}) is found there;
     * a command served from the memo finds it here instead, not by a SELECT by id: the same version, in the state the
     * memo served. When the command fails, what it was served is forgotten: perhaps the version is gone (deleted on
     * another node), and the next command asks the database.
     */
    private final class Served implements CommandContextListener {

        final CommandContext context;
        final Set<String> ids = new HashSet<>(4);
        final Map<Key, Entry> entries = new HashMap<>(4);

        Served(CommandContext context) {
            this.context = context;
        }

        @Override
        public void onCommandContextClose(CommandContext commandContext) {
            done();
        }

        @Override
        public void onCommandFailed(CommandContext commandContext, Throwable t) {
            entries.forEach(LatestVersionMemo.this.entries::remove);
            done();
        }

        private void done() {
            if (servedToThisThread.get() == this) {
                servedToThisThread.remove();
            }
        }
    }

    // forgetting ////////////////////////////////////////////////////////////////////////////////////////////////

    /** Forgets every kept id (a deployment, deletion, suspension or cache purge on this node). */
    public void forgetAll() {
        forget(key -> true);
    }

    /** Forgets the kept ids of one kind of definition. */
    void forgetKind(Kind kind) {
        forget(key -> key.kind() == kind);
    }

    /** Forgets now and once more when the current transaction commits (what was read before the commit is stale). */
    private void forget(Predicate<Key> which) {
        forgetNow(which);
        CommandContext context = Context.getCommandContext();
        if (context != null && context.getTransactionContext() != null) {
            context.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, c -> forgetNow(which));
        }
    }

    private void forgetNow(Predicate<Key> which) {
        generation.incrementAndGet();
        entries.keySet().removeIf(which);
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        camunda.deploy(deployment);
        forgetAll();
    }

    @Override
    public void removeProcessDefinition(String id) {
        camunda.removeProcessDefinition(id);
        forgetKind(Kind.PROCESS);
    }

    @Override
    public void discardProcessDefinitionCache() {
        camunda.discardProcessDefinitionCache();
        forgetKind(Kind.PROCESS);
    }

    @Override
    public void removeCaseDefinition(String id) {
        camunda.removeCaseDefinition(id);
        forgetKind(Kind.CASE);
    }

    @Override
    public void discardCaseDefinitionCache() {
        camunda.discardCaseDefinitionCache();
        forgetKind(Kind.CASE);
    }

    @Override
    public void removeDecisionDefinition(String id) {
        camunda.removeDecisionDefinition(id);
        forgetKind(Kind.DECISION);
    }

    @Override
    public void discardDecisionDefinitionCache() {
        camunda.discardDecisionDefinitionCache();
        forgetKind(Kind.DECISION);
    }

    @Override
    public void discardDecisionRequirementsDefinitionCache() {
        camunda.discardDecisionRequirementsDefinitionCache(); // Camunda's clears the decision definitions
        forgetKind(Kind.DECISION);
    }

    @Override
    public void removeDecisionRequirementsDefinition(String id) {
        camunda.removeDecisionRequirementsDefinition(id);
        forgetKind(Kind.DECISION);
    }

    @Override
    public void removeDeployment(String deploymentId) {
        camunda.removeDeployment(deploymentId);
        forgetAll();
    }

    @Override
    public CachePurgeReport purgeCache() {
        CachePurgeReport report = camunda.purgeCache();
        forgetAll();
        return report;
    }

    // everything else is Camunda's cache ////////////////////////////////////////////////////////////////////////

    @Override
    public ProcessDefinitionEntity findProcessDefinitionFromCache(String id) {
        return camunda.findProcessDefinitionFromCache(id);
    }

    @Override
    public ProcessDefinitionEntity findDeployedProcessDefinitionByKeyVersionAndTenantId(String key, Integer version,
        String tenantId) {
        return camunda.findDeployedProcessDefinitionByKeyVersionAndTenantId(key, version, tenantId);
    }

    @Override
    public ProcessDefinitionEntity findDeployedProcessDefinitionByKeyVersionTagAndTenantId(String key,
        String versionTag, String tenantId) {
        return camunda.findDeployedProcessDefinitionByKeyVersionTagAndTenantId(key, versionTag, tenantId);
    }

    @Override
    public ProcessDefinitionEntity findDeployedProcessDefinitionByDeploymentAndKey(String deploymentId, String key) {
        return camunda.findDeployedProcessDefinitionByDeploymentAndKey(deploymentId, key);
    }

    @Override
    public ProcessDefinitionEntity resolveProcessDefinition(ProcessDefinitionEntity definition) {
        return camunda.resolveProcessDefinition(definition);
    }

    @Override
    public BpmnModelInstance findBpmnModelInstanceForProcessDefinition(ProcessDefinitionEntity definition) {
        return camunda.findBpmnModelInstanceForProcessDefinition(definition);
    }

    @Override
    public BpmnModelInstance findBpmnModelInstanceForProcessDefinition(String id) {
        return camunda.findBpmnModelInstanceForProcessDefinition(id);
    }

    @Override
    public void addProcessDefinition(ProcessDefinitionEntity definition) {
        camunda.addProcessDefinition(definition);
    }

    @Override
    public void addCamundaFormDefinition(CamundaFormDefinitionEntity definition) {
        camunda.addCamundaFormDefinition(definition);
    }

    @Override
    public void removeCamundaFormDefinition(String id) {
        camunda.removeCamundaFormDefinition(id);
    }

    @Override
    public void discardCamundaFormDefinitionCache() {
        camunda.discardCamundaFormDefinitionCache();
    }

    @Override
    public CaseDefinitionEntity findCaseDefinitionFromCache(String id) {
        return camunda.findCaseDefinitionFromCache(id);
    }

    @Override
    public CaseDefinitionEntity findDeployedCaseDefinitionById(String id) {
        return camunda.findDeployedCaseDefinitionById(id);
    }

    @Override
    public CaseDefinitionEntity findDeployedCaseDefinitionByKeyVersionAndTenantId(String key, Integer version,
        String tenantId) {
        return camunda.findDeployedCaseDefinitionByKeyVersionAndTenantId(key, version, tenantId);
    }

    @Override
    public CaseDefinitionEntity findDeployedCaseDefinitionByDeploymentAndKey(String deploymentId, String key) {
        return camunda.findDeployedCaseDefinitionByDeploymentAndKey(deploymentId, key);
    }

    @Override
    public CaseDefinitionEntity getCaseDefinitionById(String id) {
        return camunda.getCaseDefinitionById(id);
    }

    @Override
    public CaseDefinitionEntity resolveCaseDefinition(CaseDefinitionEntity definition) {
        return camunda.resolveCaseDefinition(definition);
    }

    @Override
    public CmmnModelInstance findCmmnModelInstanceForCaseDefinition(String id) {
        return camunda.findCmmnModelInstanceForCaseDefinition(id);
    }

    @Override
    public void addCaseDefinition(CaseDefinitionEntity definition) {
        camunda.addCaseDefinition(definition);
    }

    @Override
    public DecisionDefinitionEntity findDecisionDefinitionFromCache(String id) {
        return camunda.findDecisionDefinitionFromCache(id);
    }

    @Override
    public DecisionDefinition findDeployedDecisionDefinitionByDeploymentAndKey(String deploymentId, String key) {
        return camunda.findDeployedDecisionDefinitionByDeploymentAndKey(deploymentId, key);
    }

    @Override
    public DecisionDefinition findDeployedDecisionDefinitionByKeyAndVersion(String key, Integer version) {
        return camunda.findDeployedDecisionDefinitionByKeyAndVersion(key, version);
    }

    @Override
    public DecisionDefinition findDeployedDecisionDefinitionByKeyVersionAndTenantId(String key, Integer version,
        String tenantId) {
        return camunda.findDeployedDecisionDefinitionByKeyVersionAndTenantId(key, version, tenantId);
    }

    @Override
    public DecisionDefinition findDeployedDecisionDefinitionByKeyVersionTagAndTenantId(String key, String versionTag,
        String tenantId) {
        return camunda.findDeployedDecisionDefinitionByKeyVersionTagAndTenantId(key, versionTag, tenantId);
    }

    @Override
    public DecisionDefinitionEntity resolveDecisionDefinition(DecisionDefinitionEntity definition) {
        return camunda.resolveDecisionDefinition(definition);
    }

    @Override
    public DmnModelInstance findDmnModelInstanceForDecisionDefinition(String id) {
        return camunda.findDmnModelInstanceForDecisionDefinition(id);
    }

    @Override
    public void addDecisionDefinition(DecisionDefinitionEntity definition) {
        camunda.addDecisionDefinition(definition);
    }

    @Override
    public void addDecisionRequirementsDefinition(DecisionRequirementsDefinitionEntity definition) {
        camunda.addDecisionRequirementsDefinition(definition);
    }

    @Override
    public DecisionRequirementsDefinitionEntity findDecisionRequirementsDefinitionFromCache(String id) {
        return camunda.findDecisionRequirementsDefinitionFromCache(id);
    }

    @Override
    public DecisionRequirementsDefinitionEntity findDeployedDecisionRequirementsDefinitionById(String id) {
        return camunda.findDeployedDecisionRequirementsDefinitionById(id);
    }

    @Override
    public DecisionRequirementsDefinitionEntity resolveDecisionRequirementsDefinition(
        DecisionRequirementsDefinitionEntity definition) {
        return camunda.resolveDecisionRequirementsDefinition(definition);
    }

    @Override
    public Cache<String, BpmnModelInstance> getBpmnModelInstanceCache() {
        return camunda.getBpmnModelInstanceCache();
    }

    @Override
    public Cache<String, CmmnModelInstance> getCmmnModelInstanceCache() {
        return camunda.getCmmnModelInstanceCache();
    }

    @Override
    public Cache<String, DmnModelInstance> getDmnDefinitionCache() {
        return camunda.getDmnDefinitionCache();
    }

    @Override
    public Cache<String, DecisionDefinitionEntity> getDecisionDefinitionCache() {
        return camunda.getDecisionDefinitionCache();
    }

    @Override
    public Cache<String, DecisionRequirementsDefinitionEntity> getDecisionRequirementsDefinitionCache() {
        return camunda.getDecisionRequirementsDefinitionCache();
    }

    @Override
    public Cache<String, ProcessDefinitionEntity> getProcessDefinitionCache() {
        return camunda.getProcessDefinitionCache();
    }

    @Override
    public Cache<String, CaseDefinitionEntity> getCaseDefinitionCache() {
        return camunda.getCaseDefinitionCache();
    }

    @Override
    public void setDeployers(List<Deployer> deployers) {
        camunda.setDeployers(deployers);
    }
}
