package com.collectwise.supervision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.springframework.stereotype.Service;

import com.collectwise.api.InvalidRequestException;
import com.collectwise.api.NotFoundException;
import com.collectwise.supervision.MigrationPlanView.BlockedCase;
import com.collectwise.supervision.MigrationPlanView.MappedActivity;
import com.collectwise.supervision.MigrationPlanView.UnmappedActivity;
import com.collectwise.supervision.MigrationPlanView.VersionRef;

/**
 * Moves running cases onto a newer version of their process. A new deployment (from Modeler) leaves every
 * running case on the version it started with; this service builds Camunda's migration plan from one version
 * to another by mapping the activities whose ids are equal ({@code mapEqualActivities}) and re-creating timers
 * and message subscriptions from the new model ({@code updateEventTriggers}), so a changed timer applies to the
 * migrated cases too. Cases waiting in an activity the new version has no counterpart for are listed and left
 * on their version: Camunda would refuse the whole batch for one of them.
 */
@Service
public class ProcessVersionService {

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ManagementService management;

    public ProcessVersionService(RepositoryService repository, RuntimeService runtime, ManagementService management) {
        this.repository = repository;
        this.runtime = runtime;
        this.management = management;
    }

    public List<ProcessVersion> versions(String key) {
        List<ProcessDefinition> definitions = repository.createProcessDefinitionQuery().processDefinitionKey(key)
            .orderByProcessDefinitionVersion().asc().list();
        if (definitions.isEmpty()) {
            throw new NotFoundException("No process " + key + " is deployed");
        }
        return definitions.stream().map(d -> new ProcessVersion(d.getId(), d.getKey(), d.getVersion(),
            d.getVersionTag(), d.getDeploymentId(), runningCases(d.getId()))).toList();
    }

    public MigrationPlanView plan(String key, Integer fromVersion, Integer toVersion) {
        Pair pair = resolve(key, fromVersion, toVersion);
        return describe(pair, buildPlan(pair));
    }

    /**
     * Migrates every case of the source version that can be migrated. {@code async}: as a Camunda batch run by
     * the job executor (progress and failures in Cockpit under Batches), else in this transaction.
     */
    public MigrationResult migrate(String key, Integer fromVersion, Integer toVersion, boolean async) {
        Pair pair = resolve(key, fromVersion, toVersion);
        MigrationPlan plan = buildPlan(pair);
        MigrationPlanView view = describe(pair, plan);
        Set<String> blocked = new HashSet<>();
        view.blockedCases().forEach(c -> blocked.add(c.processInstanceId()));
        List<String> ids = runtime.createProcessInstanceQuery().processDefinitionId(pair.from().getId()).list()
            .stream().map(ProcessInstance::getId).filter(id -> !blocked.contains(id)).toList();
        // cases in an activity the new version runs something beside (RUNS_BESIDE) move at once, so that what they
        // lack is started right after; they are few (e.g. the visits pending), the others may go as a batch
        Map<String, String> beside = runsBeside(pair.to().getId());
        Set<String> needSide = new HashSet<>();
        if (!beside.isEmpty()) {
            runtime.createProcessInstanceQuery().processDefinitionId(pair.from().getId())
                .activityIdIn(beside.values().stream().distinct().toArray(String[]::new)).list()
                .forEach(pi -> needSide.add(pi.getId()));
            needSide.retainAll(ids);
        }
        List<String> rest = ids.stream().filter(id -> !async || !needSide.contains(id)).toList();
        String batchId = null;
        if (async && !needSide.isEmpty()) {
            runtime.newMigration(plan).processInstanceIds(List.copyOf(needSide)).execute();
        }
        if (!rest.isEmpty()) {
            var migration = runtime.newMigration(plan).processInstanceIds(rest);
            if (async) {
                Batch batch = migration.executeAsync();
                batchId = batch.getId();
            } else {
                migration.execute();
            }
        }
        needSide.forEach(id -> startMissingBeside(id, beside, pair.to().getVersion()));
        return new MigrationResult(view.from(), view.to(), batchId, ids.size(), view.blockedCases());
    }

    /**
     * Extension property of an activity that runs beside another one of its scope, started with it by the model (e.g.
     * "Keep in contact" beside "Visit customer"). A case migrated while in the other one from a version without it
     * gets it started there ({@link #migrate}); otherwise it would never run for that case.
     */
    public static final String RUNS_BESIDE = "runsBeside";

    /** The activities of a version that run beside another (activity id to the id of the one they run beside). */
    private Map<String, String> runsBeside(String definitionId) {
        Map<String, String> beside = new LinkedHashMap<>();
        for (Activity activity : repository.getBpmnModelInstance(definitionId).getModelElementsByType(Activity.class)) {
            if (activity.getExtensionElements() == null) {
                continue;
            }
            activity.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list()
                .forEach(properties -> properties.getCamundaProperties().stream()
                    .filter(p -> RUNS_BESIDE.equals(p.getCamundaName()) && p.getCamundaValue() != null)
                    .forEach(p -> beside.put(activity.getId(), p.getCamundaValue())));
        }
        return beside;
    }

    /**
     * Starts, in a migrated case, each activity that runs beside one the case is in and does not run there yet, in
     * the same scope instance; the modification carries the reason (user operation log, Cockpit).
     */
    private void startMissingBeside(String processInstanceId, Map<String, String> beside, int toVersion) {
        ActivityInstance root = runtime.getActivityInstance(processInstanceId);
        if (root == null) {
            return;
        }
        List<String[]> starts = new ArrayList<>();
        collectMissing(root, beside, starts);
        if (starts.isEmpty()) {
            return;
        }
        var modification = runtime.createProcessInstanceModification(processInstanceId);
        StringBuilder reason = new StringBuilder("Migrated to version " + toVersion + ":");
        for (String[] start : starts) {
            modification.startBeforeActivity(start[0], start[1]);
            reason.append(" started ").append(start[0]).append(" beside ").append(beside.get(start[0])).append(';');
        }
        modification.setAnnotation(reason.toString()).execute();
    }

    private static void collectMissing(ActivityInstance scope, Map<String, String> beside, List<String[]> starts) {
        ActivityInstance[] children = scope.getChildActivityInstances();
        beside.forEach((side, anchor) -> {
            boolean anchored = java.util.Arrays.stream(children).anyMatch(c -> anchor.equals(c.getActivityId()));
            boolean running = java.util.Arrays.stream(children).anyMatch(c -> side.equals(c.getActivityId()))
                || java.util.Arrays.stream(scope.getChildTransitionInstances())
                    .anyMatch(t -> side.equals(t.getActivityId()));
            if (anchored && !running) {
                starts.add(new String[] {side, scope.getId()});
            }
        });
        for (ActivityInstance child : children) {
            collectMissing(child, beside, starts);
        }
    }

    private MigrationPlan buildPlan(Pair pair) {
        return runtime.createMigrationPlan(pair.from().getId(), pair.to().getId())
            .mapEqualActivities()
            .updateEventTriggers()
            .build();
    }

    private MigrationPlanView describe(Pair pair, MigrationPlan plan) {
        String sourceId = pair.from().getId();
        BpmnModelInstance source = repository.getBpmnModelInstance(sourceId);
        Map<String, Long> instances = new LinkedHashMap<>();
        for (ActivityStatistics s : management.createActivityStatisticsQuery(sourceId).list()) {
            instances.put(s.getId(), (long) s.getInstances());
        }

        Map<String, String> targetOf = new LinkedHashMap<>();
        for (MigrationInstruction i : plan.getInstructions()) {
            targetOf.put(i.getSourceActivityId(), i.getTargetActivityId());
        }
        List<MappedActivity> mapped = new ArrayList<>();
        targetOf.forEach((sourceActivity, targetActivity) -> mapped.add(new MappedActivity(sourceActivity,
            targetActivity, name(source, sourceActivity), instances.getOrDefault(sourceActivity, 0L))));

        // wait states and scopes a case can be in; gateways and end events never hold a case
        Set<String> unmappedIds = new java.util.LinkedHashSet<>();
        for (FlowNode node : source.getModelElementsByType(FlowNode.class)) {
            boolean canHoldCase = node instanceof Activity || node instanceof IntermediateCatchEvent
                || node instanceof BoundaryEvent
                || node instanceof StartEvent && node.getParentElement() instanceof SubProcess sub
                && sub.triggeredByEvent();
            if (canHoldCase && !targetOf.containsKey(node.getId())) {
                unmappedIds.add(node.getId());
            }
        }
        // an activity the model no longer names (should not happen) still blocks its cases
        instances.keySet().stream().filter(id -> !targetOf.containsKey(id)).forEach(unmappedIds::add);
        List<UnmappedActivity> unmapped = unmappedIds.stream()
            .map(id -> new UnmappedActivity(id, name(source, id), instances.getOrDefault(id, 0L))).toList();

        String[] occupied = unmapped.stream().filter(u -> u.instances() > 0).map(UnmappedActivity::activityId)
            .toArray(String[]::new);
        List<BlockedCase> blocked = new ArrayList<>();
        if (occupied.length > 0) {
            for (ProcessInstance pi : runtime.createProcessInstanceQuery().processDefinitionId(sourceId)
                .activityIdIn(occupied).list()) {
                blocked.add(new BlockedCase(pi.getId(), pi.getBusinessKey(),
                    activitiesOf(pi.getId(), unmappedIds), CockpitLinks.processInstance(pi.getId())));
            }
        }
        return new MigrationPlanView(pair.from().getKey(), ref(pair.from()), ref(pair.to()),
            runningCases(sourceId), mapped, unmapped, blocked);
    }

    /** The unmapped activities the case is in. */
    private List<String> activitiesOf(String processInstanceId, Collection<String> unmapped) {
        List<String> found = new ArrayList<>();
        collect(runtime.getActivityInstance(processInstanceId), unmapped, found);
        return found;
    }

    private static void collect(ActivityInstance instance, Collection<String> unmapped, List<String> found) {
        if (instance == null) {
            return;
        }
        if (unmapped.contains(instance.getActivityId()) && !found.contains(instance.getActivityId())) {
            found.add(instance.getActivityId());
        }
        for (var transition : instance.getChildTransitionInstances()) {
            if (unmapped.contains(transition.getActivityId()) && !found.contains(transition.getActivityId())) {
                found.add(transition.getActivityId());
            }
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            collect(child, unmapped, found);
        }
    }

    private Pair resolve(String key, Integer fromVersion, Integer toVersion) {
        ProcessDefinition to = toVersion == null
            ? repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult()
            : version(key, toVersion, "to");
        if (to == null) {
            throw new NotFoundException("No process " + key + " is deployed");
        }
        ProcessDefinition from;
        if (fromVersion != null) {
            from = version(key, fromVersion, "from");
        } else {
            // the newest older version that still has running cases
            from = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .orderByProcessDefinitionVersion().desc().list().stream()
                .filter(d -> d.getVersion() < to.getVersion() && runningCases(d.getId()) > 0)
                .findFirst().orElseThrow(() -> InvalidRequestException.of("from",
                    "no older version of " + key + " has running cases; name the version to migrate from"));
        }
        if (from.getId().equals(to.getId())) {
            throw InvalidRequestException.of("from", "must differ from the target version " + to.getVersion());
        }
        return new Pair(from, to);
    }

    private ProcessDefinition version(String key, int version, String field) {
        ProcessDefinition d = repository.createProcessDefinitionQuery().processDefinitionKey(key)
            .processDefinitionVersion(version).singleResult();
        if (d == null) {
            throw InvalidRequestException.of(field, "version " + version + " of " + key + " is not deployed");
        }
        return d;
    }

    private long runningCases(String processDefinitionId) {
        return runtime.createProcessInstanceQuery().processDefinitionId(processDefinitionId).count();
    }

    private static String name(BpmnModelInstance model, String activityId) {
        FlowNode node = model.getModelElementById(activityId);
        return node == null ? null : node.getName();
    }

    private static VersionRef ref(ProcessDefinition d) {
        return new VersionRef(d.getId(), d.getVersion(), d.getDeploymentId());
    }

    private record Pair(ProcessDefinition from, ProcessDefinition to) {
    }
}
