package com.collectwise.kernel;

import static com.collectwise.kernel.CaseVariables.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionRule;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.InputClause;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.springframework.stereotype.Service;


/**
 * The gateway from domain code to the engine: starts a case, correlates messages into it (payments, settlement,
 * agency reports and recall, the limitation warning, the instalment plan), says what it waits for, ranks its tasks,
 * opens standalone group tasks, keeps the customer's copies in its running cases and tasks, evaluates and reads the
 * decision tables supervisors edit, and reads the engine clock. Services call it with plain values and get domain
 * values back. Besides it, only the process layer (delegates, listeners, engine plugins and the few helpers
 * {@code EngineBoundaryArchitectureTest} names) and the engine-facing packages use org.camunda: a delegate or listener
 * talks to the case it runs in through its execution or task, and the customer's call ({@code cases.CustomerCalls})
 * and a requested stage move ({@code cases.MoveCaseToRequestedStageDelegate}) reach other cases from there.
 */
@Service
public class CaseEngine {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final InvoiceRepository invoices;
    private final BusinessClock clock;
    private final DecisionService decisions;
    private final RepositoryService repository;
    private final IdentityService identity;
    private final ManagementService management;
    /** The engine's table names with their prefix, read once (each read is an engine command). */
    private volatile String executionTable;
    private volatile String taskTable;

    /** A standalone DMN engine: evaluating one deployed version is a pure function of the decision and the inputs. */
    private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    /** Parsed decision versions by definition id: a deployed version never changes. */
    private final Map<String, DmnDecision> parsed = new ConcurrentHashMap<>();

    public CaseEngine(RuntimeService runtime, TaskService tasks, InvoiceRepository invoices, BusinessClock clock,
                      DecisionService decisions, RepositoryService repository, IdentityService identity,
                      ManagementService management) {
        this.decisions = decisions;
        this.repository = repository;
        this.identity = identity;
        this.management = management;
        this.runtime = runtime;
        this.tasks = tasks;
        this.invoices = invoices;
        this.clock = clock;
    }

    /**
     * Evaluates a decision table supervisors edit in Modeler (latest deployed version) and returns the outputs of
     * its first matching rule, empty when no rule matches. An empty output cell is left out of the map. Called by the
     * policies that read a figure supervisors tune ({@code agreements.AgreementApprovalPolicy},
     * {@code handoff.LegalCostsPolicy}) from delegates, task listeners and API requests: none of them checks an
     * authorization of the caller (custom code in the engine runs without, and /api sets no engine authentication).
     */
    public Optional<Map<String, Object>> decide(String decisionKey, Map<String, Object> inputs) {
        DmnDecisionResult result = decisions.evaluateDecisionByKey(decisionKey)
            .variables(Variables.fromMap(inputs)).evaluate();
        return result.isEmpty() ? Optional.empty()
            : Optional.of(new java.util.HashMap<>(result.getFirstResult().getEntryMap()));
    }

    /** A deployed version of a decision: the engine's id of that version, its number and when it was deployed. */
    public record DecisionVersion(String id, int version, Instant deployedAt) {
    }

    /**
     * The id of the newest deployed version of the decision, empty when none is deployed. Read as the company, not
     * as the calling user: the policy a version holds applies whoever asks.
     */
    public Optional<String> latestDecisionVersion(String decisionKey) {
        return asCompany(() -> Optional.ofNullable(repository.createDecisionDefinitionQuery()
            .decisionDefinitionKey(decisionKey).latestVersion().singleResult()).map(DecisionDefinition::getId));
    }

    /** Every deployed version of the decision, oldest first, each with its deployment time (read as the company). */
    public List<DecisionVersion> decisionVersions(String decisionKey) {
        return asCompany(() -> repository.createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey).list()
            .stream().sorted(Comparator.comparingInt(DecisionDefinition::getVersion))
            .map(d -> new DecisionVersion(d.getId(), d.getVersion(), repository.createDeploymentQuery()
                .deploymentId(d.getDeploymentId()).singleResult().getDeploymentTime().toInstant()))
            .toList());
    }

    /**
     * Evaluates one deployed version of a decision table ({@link #decisionVersions}) and returns the outputs of its
     * first matching rule, empty when no rule matches. Each version is read once and then evaluated in memory: no
     * database access and no decision history row per call.
     */
    public Optional<Map<String, Object>> decideWithVersion(String versionId, String decisionKey,
                                                           Map<String, Object> inputs) {
        DmnDecision decision = parsed.computeIfAbsent(versionId, id -> asCompany(() -> {
            try (InputStream in = repository.getDecisionModel(id)) {
                return DMN.parseDecision(decisionKey, in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        DmnDecisionRuleResult rule = DMN.evaluateDecisionTable(decision, inputs).getFirstResult();
        return rule == null ? Optional.empty() : Optional.of(rule.getEntryMap());
    }

    /**
     * Of {@code names}, the variables one deployed version of a decision table may read (memoizing its results: two
     * evaluations whose values of these names are equal decide the same), empty when that cannot be told from its
     * texts. See {@link #namesRead(DmnModelInstance, String, Set)}.
     */
    public Optional<Set<String>> namesRead(String versionId, String decisionKey, Set<String> names) {
        return namesRead(asCompany(() -> repository.getDmnModelInstance(versionId)), decisionKey, names);
    }

    /**
     * Of {@code names}, those a text of the decision table names: its output entries, its input entries that test
     * something (not empty, not {@code -}), and the input expressions of the columns such an entry tests (a column
     * whose every entry is empty decides nothing). A name counts when it occurs anywhere in such a
     * text (a longer name containing it counts too: too many names only make fewer evaluations equal). Empty (cannot
     * tell) when the decision is not a single decision table, requires other decisions, has a text in another
     * language than FEEL, or calls a clock function ({@code now()}, {@code today()}: its result changes with time).
     */
    static Optional<Set<String>> namesRead(DmnModelInstance model, String decisionKey, Set<String> names) {
        return textsRead(model, decisionKey).map(texts -> namesIn(texts, names));
    }

    /** Of {@code names}, those that occur in one of the {@link #textsRead texts} (a longer name containing it too). */
    public static Set<String> namesIn(List<String> texts, java.util.Collection<String> names) {
        Set<String> read = new java.util.TreeSet<>();
        for (String name : names) {
            if (texts.stream().anyMatch(t -> t.contains(name))) {
                read.add(name);
            }
        }
        return read;
    }

    /**
     * The texts of the decision table that decide something ({@link #namesRead(DmnModelInstance, String, Set)}), empty
     * when what it reads cannot be told from them (not a single FEEL decision table, required decisions, a clock
     * function).
     */
    public static Optional<List<String>> textsRead(DmnModelInstance model, String decisionKey) {
        if (!(model.getModelElementById(decisionKey) instanceof Decision decision)
            || !(decision.getExpression() instanceof DecisionTable table)
            || !decision.getInformationRequirements().isEmpty() || !feel(model.getDefinitions().getExpressionLanguage())) {
            return Optional.empty();
        }
        List<InputClause> inputs = List.copyOf(table.getInputs());
        List<String> texts = new ArrayList<>();
        boolean[] tested = new boolean[inputs.size()];
        for (DecisionRule rule : table.getRules()) {
            int column = 0;
            for (InputEntry entry : rule.getInputEntries()) {
                String text = text(entry.getText());
                if (!feel(entry.getExpressionLanguage())) {
                    return Optional.empty();
                }
                if (!text.isEmpty() && !text.equals("-")) {
                    texts.add(text);
                    if (column < tested.length) {
                        tested[column] = true;
                    }
                }
                column++;
            }
            for (OutputEntry entry : rule.getOutputEntries()) {
                if (!feel(entry.getExpressionLanguage())) {
                    return Optional.empty();
                }
                texts.add(text(entry.getText()));
            }
        }
        for (int column = 0; column < inputs.size(); column++) {
            InputExpression expression = inputs.get(column).getInputExpression();
            if (tested[column] && expression != null) {
                if (!feel(expression.getExpressionLanguage())) {
                    return Optional.empty();
                }
                texts.add(text(expression.getText()));
            }
        }
        if (texts.stream().anyMatch(t -> t.matches("(?s).*\\b(now|today)\\s*\\(.*"))) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(texts));
    }

    private static boolean feel(String expressionLanguage) {
        return expressionLanguage == null || expressionLanguage.isBlank()
            || expressionLanguage.toLowerCase(java.util.Locale.ROOT).contains("feel");
    }

    private static String text(org.camunda.bpm.model.dmn.instance.Text text) {
        return text == null || text.getTextContent() == null ? "" : text.getTextContent().trim();
    }

    /**
     * The rules of a decision table as written in Modeler: the number of its output columns and, per rule in order,
     * the text of its output cells (FEEL, e.g. {@code "Send the delivery note"} with its quotes).
     */
    /**
     * The output entries of every rule, in the order of the table's outputs; {@code outputNames} are the outputs'
     * names ({@code tactic}, {@code tacticZh}), so a reader can pick its columns by name.
     */
    public record DecisionRules(int outputColumns, List<List<String>> rules, List<String> outputNames) {

        public DecisionRules(int outputColumns, List<List<String>> rules) {
            this(outputColumns, rules, List.of());
        }

        /** The column of the output {@code name}, -1 when the table has none. */
        public int column(String name) {
            return outputNames.indexOf(name);
        }
    }

    /** The rules of the first decision table of the newest deployed version, empty when none is deployed. */
    public Optional<DecisionRules> latestDecisionRules(String decisionKey) {
        DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey)
            .latestVersion().singleResult();
        if (latest == null) {
            return Optional.empty();
        }
        DmnModelInstance model = repository.getDmnModelInstance(latest.getId());
        DecisionTable table = model.getModelElementsByType(DecisionTable.class).iterator().next();
        return Optional.of(new DecisionRules(table.getOutputs().size(), table.getRules().stream()
            .map(rule -> rule.getOutputEntries().stream().map(e -> e.getTextContent()).toList()).toList(),
            table.getOutputs().stream().map(o -> o.getName() == null ? "" : o.getName()).toList()));
    }

    private <T> T asCompany(java.util.function.Supplier<T> work) {
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            return work.get();
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }

    /**
     * Starts the collection case of a newly registered invoice. The inputs of the collection policy that nothing
     * else reads from the case (segment, region, invoice amount, credit term) are transient: the decision reads
     * them in the start's transaction and they are never written (issue 18: 7 rows less per case start; the
     * outcome is the case plan, and the invoice and the customer keep the values). The due date, the days overdue and
     * the decision maker, which only forms show, are put on each task when it opens (cases.FormFactsListener), not
     * on the case (issue 18: 3 rows less per case start). The customer id is not a variable either: the invoice keeps
     * it, and the case's code reads it from there ({@link CaseFacts}; issue 18: one runtime variable less per open case).
     */
    public String start(Invoice invoice, Customer customer) {
        VariableMap vars = Variables.createVariables()
            .putValue(INVOICE_NUMBER, invoice.invoiceNumber())
            .putValue(CUSTOMER_NAME, customer.name())
            .putValueTyped(SEGMENT, Variables.stringValue(customer.segment().name(), true))
            // the policy DMN decides field visits by region; a customer without a country is at home
            .putValueTyped(CUSTOMER_REGION, Variables.stringValue(customer.country() == null ? "" : customer.country(),
                true))
            .putValue(COLLECTOR, customer.collector())
            .putValue(CURRENCY, invoice.currency())
            .putValueTyped(INVOICE_AMOUNT, Variables.doubleValue(invoice.amount().doubleValue(), true))
            .putValue(OUTSTANDING_AMOUNT, toNumber(invoice.amount()))
            .putValueTyped(CREDIT_TERM_DAYS, Variables.integerValue(invoice.creditTermDays(), true))
            .putValue(STAGE, invoice.stage().name());
        ProcessInstance pi = runtime.startProcessInstanceByKey(PROCESS_COLLECTION, invoice.invoiceNumber(), vars);
        invoices.setProcessInstance(invoice.invoiceNumber(), pi.getId());
        return pi.getId();
    }

    /**
     * By the process instance id kept on the invoice: a primary-key lookup. The former query by definition key
     * and business key made H2 scan every collection case (bench/results/TUNING.md, change 8).
     */
    public boolean isRunning(String invoiceNumber) {
        return runningCase(invoiceNumber).isPresent();
    }

    /** The process instance id of the invoice's case while it runs (the id on the invoice row, checked by key). */
    private Optional<String> runningCase(String invoiceNumber) {
        return invoices.find(invoiceNumber).map(Invoice::processInstanceId).filter(this::running);
    }

    /**
     * Whether the process instance runs: its row in the executions table, by primary key. A native query: the
     * engine's query builder spends more CPU on its dynamic SQL (MyBatis/OGNL over dozens of optional criteria)
     * than the database on the lookup (bench/results/TUNING.md, change 26).
     */
    private boolean running(String processInstanceId) {
        return runtime.createNativeProcessInstanceQuery()
            .sql("SELECT COUNT(*) FROM " + executionTable() + " WHERE ID_ = #{id}")
            .parameter("id", processInstanceId).count() > 0;
    }

    /**
     * The active tasks with this definition key of the case's process instances (the case and the processes it
     * called, which carry its business key), as Camunda's task query by business key finds them, with a native
     * query for the reason {@link #running(String)} gives. No authorization check: system work on the case.
     */
    public List<Task> activeTasksOfCase(String invoiceNumber, String taskDefinitionKey) {
        return tasks.createNativeTaskQuery()
            .sql("SELECT RES.* FROM " + taskTable() + " RES INNER JOIN " + executionTable()
                + " E ON RES.PROC_INST_ID_ = E.ID_ WHERE E.BUSINESS_KEY_ = #{businessKey}"
                + " AND RES.TASK_DEF_KEY_ = #{taskDefinitionKey} AND RES.SUSPENSION_STATE_ = 1 ORDER BY RES.ID_")
            .parameter("businessKey", invoiceNumber).parameter("taskDefinitionKey", taskDefinitionKey).list();
    }

    private String executionTable() {
        if (executionTable == null) {
            executionTable = management.getTableName(org.camunda.bpm.engine.runtime.ProcessInstance.class);
        }
        return executionTable;
    }

    private String taskTable() {
        if (taskTable == null) {
            taskTable = management.getTableName(Task.class);
        }
        return taskTable;
    }

    /** A part payment arrived: the case updates its figures and asks the collector why not in full. */
    public void partPaymentReceived(String invoiceNumber, BigDecimal paid, BigDecimal outstanding) {
        // correlated by the case's process instance id (primary key), not by business key (a join on the executions)
        runningCase(invoiceNumber)
            .ifPresent(id -> runtime.createMessageCorrelation(MSG_PAYMENT_RECEIVED).processInstanceId(id)
                .setVariables(Map.of(LAST_PAYMENT_AMOUNT, toNumber(paid), OUTSTANDING_AMOUNT, toNumber(outstanding)))
                .correlate());
    }

    /**
     * The display copy of the outstanding total (Cockpit, Tasklist) follows a payment the case itself does not
     * react to, e.g. an instalment of a running plan.
     */
    public void showOutstanding(String invoiceNumber, BigDecimal outstanding) {
        runningCase(invoiceNumber).ifPresent(id -> runtime.setVariable(id, OUTSTANDING_AMOUNT, toNumber(outstanding)));
    }

    /**
     * A promise judged broken was kept after all (a payment dated in time, posted after the check): the next call of
     * the case, and of the process it calls to keep in contact, no longer warns of a broken promise.
     */
    public void promiseKeptAfterAll(String invoiceNumber) {
        brokenPromise(invoiceNumber, false);
    }

    /** A kept promise's money was reversed after its grace: the next call says "broken promise" again. */
    public void promiseBrokenAfterAll(String invoiceNumber) {
        brokenPromise(invoiceNumber, true);
    }

    private void brokenPromise(String invoiceNumber, boolean broken) {
        runningCase(invoiceNumber).ifPresent(id -> {
            runtime.setVariable(id, BROKEN_PROMISE, broken);
            for (ProcessInstance called : runtime.createProcessInstanceQuery().superProcessInstanceId(id).list()) {
                if (runtime.getVariable(called.getId(), BROKEN_PROMISE) != null) {
                    runtime.setVariable(called.getId(), BROKEN_PROMISE, broken);
                }
            }
        });
    }

    /** The invoice is paid in full (or credited): the case ends. */
    public void invoiceSettled(String invoiceNumber) {
        if (!isRunning(invoiceNumber)) {
            return;
        }
        runtime.createMessageCorrelation(MSG_INVOICE_SETTLED).processInstanceBusinessKey(invoiceNumber)
            .setVariable(OUTSTANDING_AMOUNT, 0.0)
            .correlate();
    }

    /**
     * A credit note posted over the API resolved the dispute in full: its Process_Dispute (called by the case) ends as
     * credited, the way it ends when the department decides a credit note ({@code disputeOutcome} CREDIT_NOTE goes
     * back to the case, which looks again whether the invoice is still disputed in full). A dispute process running on
     * its own (after the case ended paid in full) ends the same way; before, only the case's called ones were looked
     * for, so its "Resolve dispute" task stayed after the credit note. Nothing when no dispute process runs.
     *
     * <p>A dispute process started on a model version without the "Credit note posted" event sub-process cannot
     * receive the message: it is first moved onto the newest version of Process_Dispute (its activities mapped by
     * equal ids, as {@code supervision.ProcessVersionService} migrates cases), which then ends it as credited; the
     * reason stays on the instance ({@link #MIGRATED_BECAUSE}, in Cockpit and the history). Otherwise its tasks
     * would stay open and the department's later decision would change nothing.
     */
    public void disputeCredited(String invoiceNumber, long disputeId) {
        // called by the running case, or running on its own (the invoice was paid in full under protest, "Close
        // settled case" started it again): either way it ends as credited
        for (ProcessInstance dispute : runtime.createProcessInstanceQuery().processInstanceBusinessKey(invoiceNumber)
            .processDefinitionKey(PROCESS_DISPUTE).list()) {
            Object id = runtime.getVariable(dispute.getId(), DISPUTE_ID);
            if (!(id instanceof Number n && n.longValue() == disputeId)) {
                continue;
            }
            if (!awaitsCredit(dispute.getId())) {
                moveToNewestVersion(dispute, "Credit note posted for dispute #" + disputeId + " of invoice "
                    + invoiceNumber + ": this version of Process_Dispute could not receive " + MSG_DISPUTE_CREDITED);
            }
            if (awaitsCredit(dispute.getId())) {
                runtime.createMessageCorrelation(MSG_DISPUTE_CREDITED).processInstanceId(dispute.getId())
                    .setVariable(DISPUTE_OUTCOME, "CREDIT_NOTE").correlate();
            } else {
                endAsCredited(dispute, "Credit note posted for dispute #" + disputeId + " of invoice " + invoiceNumber
                    + ": ended as credited, its version of Process_Dispute could not receive " + MSG_DISPUTE_CREDITED
                    + " nor be moved to the newest");
            }
        }
    }

    /**
     * Ends the Process_Dispute instances of these disputes of the invoice that run on their own (started by "Close
     * settled case" when the invoice was paid in full under protest, and left running when a bounce reopened the case):
     * the disputes were closed undecided, so their "Resolve dispute" or "Decide overdue dispute" task and the
     * service-level timer go, the instance deleted with {@code reason} (its delete reason in Cockpit and the history).
     * An instance called by a running case is left to the case (its end ends it). Idempotent: an instance already gone
     * (ended, or deleted by a concurrent call) is skipped.
     *
     * @return how many instances were ended
     */
    public int endDisputesRunningOnTheirOwn(String invoiceNumber, Map<Long, String> reasonByDispute) {
        List<String> running = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_DISPUTE)
            .processInstanceBusinessKey(invoiceNumber).list().stream().map(ProcessInstance::getId).toList();
        if (running.isEmpty()) {
            return 0;
        }
        // read by a query, not getVariable: an instance gone meanwhile is just not found (no exception that would
        // mark the caller's transaction rollback-only)
        Map<String, Long> disputeOf = new LinkedHashMap<>();
        for (var variable : runtime.createVariableInstanceQuery().processInstanceIdIn(running.toArray(String[]::new))
            .variableName(DISPUTE_ID).list()) {
            if (variable.getExecutionId().equals(variable.getProcessInstanceId())
                && variable.getValue() instanceof Number n) {
                disputeOf.put(variable.getProcessInstanceId(), n.longValue());
            }
        }
        int ended = 0;
        for (String dispute : running) {
            Long id = disputeOf.get(dispute);
            String reason = id == null ? null : reasonByDispute.get(id);
            if (reason == null
                || runtime.createProcessInstanceQuery().subProcessInstanceId(dispute).count() > 0) {
                continue;
            }
            // not skipping listeners or I/O mappings: the instance ends as Cockpit's "cancel" would end it
            runtime.deleteProcessInstanceIfExists(dispute, reason, false, true, false, false);
            ended++;
        }
        return ended;
    }

    /** On a dispute process moved to a newer model version: why, from which version to which (text). */
    public static final String MIGRATED_BECAUSE = "migratedBecause";
    /** On a dispute process ended by a credit note it could not receive (no newer version could take it): why. */
    public static final String ENDED_BECAUSE = "endedBecause";

    /**
     * Ends a dispute process the way a credit note decided by the department ends it: {@code disputeOutcome}
     * CREDIT_NOTE, the process completes at its none end event ("Invoice credited" where it has one), so the case's
     * call activity goes on as after a decision. One process instance modification, annotated with the reason (user
     * operation log), the reason also kept on the instance ({@link #ENDED_BECAUSE}, Cockpit and history).
     */
    private void endAsCredited(ProcessInstance instance, String reason) {
        var model = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
        Optional<String> end = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.EndEvent.class)
            .stream()
            .filter(e -> e.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.Process
                && e.getEventDefinitions().isEmpty())
            .map(org.camunda.bpm.model.bpmn.instance.EndEvent::getId)
            .min(Comparator.comparing((String id) -> !END_INVOICE_CREDITED.equals(id))
                .thenComparing(Comparator.naturalOrder()));
        if (end.isEmpty()) {
            return;
        }
        runtime.setVariable(instance.getId(), DISPUTE_OUTCOME, "CREDIT_NOTE");
        runtime.setVariable(instance.getId(), ENDED_BECAUSE, reason + " (on " + clock.now() + ")");
        var root = runtime.getActivityInstance(instance.getId());
        // cancelled first, then the end event: the instance ends regularly (the case's call activity goes on), where
        // an end event started beside open activities would leave it cancelled, and the case waiting for it
        var modification = runtime.createProcessInstanceModification(instance.getId());
        for (var child : root.getChildActivityInstances()) {
            modification.cancelActivityInstance(child.getId());
        }
        for (var transition : root.getChildTransitionInstances()) {
            modification.cancelTransitionInstance(transition.getId());
        }
        modification.startBeforeActivity(end.get()).setAnnotation(reason).execute();
    }

    /** Where a withdrawn call of a case disputed in full goes on, by the process of the call. */
    private static final Map<String, String> AFTER_WITHDRAWN_CALL = Map.of(
        // the call loop of the internal stage waits until the invoice is no longer disputed in full
        PROCESS_COLLECTION, EVENT_NO_FULL_DISPUTE_BEFORE_CALL,
        // contact after the letter plans the next call (made only if the dispute is decided by then)
        PROCESS_KEEP_IN_CONTACT, TASK_PLAN_FOLLOW_UP_CALL);

    /**
     * The invoice has just become disputed in full (a dispute posted over the API or raised in a customer call while
     * its Call customer task was open): that call would ask for nothing (DOMAIN.md 5), so it is withdrawn and the case
     * waits as if the dispute had come before it ({@link #AFTER_WITHDRAWN_CALL}). A call on a model version without
     * that place stays. One annotated modification per call.
     *
     * @return how many calls were withdrawn
     */
    public int withdrawCallsDisputedInFull(String invoiceNumber) {
        int withdrawn = 0;
        for (Task call : tasks.createTaskQuery().processInstanceBusinessKey(invoiceNumber)
                .taskDefinitionKey(TASK_CALL_CUSTOMER).active().list()) {
            var definition = repository.getProcessDefinition(call.getProcessDefinitionId());
            String goOnAt = AFTER_WITHDRAWN_CALL.get(definition.getKey());
            if (goOnAt == null || repository.getBpmnModelInstance(definition.getId()).getModelElementById(goOnAt) == null) {
                continue;
            }
            var root = runtime.getActivityInstance(call.getProcessInstanceId());
            String callInstance = activityInstanceOfExecution(root, call.getExecutionId());
            String parent = parentOf(root, callInstance);
            if (callInstance == null || parent == null) {
                continue;
            }
            // the waiting place first, in the call's own scope, then the call is cancelled: the scope never empties
            runtime.createProcessInstanceModification(call.getProcessInstanceId())
                .startBeforeActivity(goOnAt, parent)
                .cancelActivityInstance(callInstance)
                .setAnnotation("Invoice " + invoiceNumber + " disputed in full: the call would ask for nothing")
                .execute();
            withdrawn++;
        }
        return withdrawn;
    }

    /**
     * Where a withdrawn stage task of a case disputed in full goes on: the stage the task belongs to is left and the
     * case waits before it, as if the dispute had come before the stage (DOMAIN.md 5). Task, its stage, the waiting
     * place before the stage.
     */
    private static final List<String[]> STAGE_TASKS_WITHDRAWN = List.of(
        // a field collector would visit to demand money nobody may demand now
        new String[] {TASK_VISIT_CUSTOMER, SUBPROCESS_COLLECT_IN_FIELD, EVENT_NO_FULL_DISPUTE_BEFORE_FIELD_VISIT},
        // a supervisor would approve handing off an invoice with nothing undisputed
        new String[] {TASK_APPROVE_AGENCY_HANDOFF, SUBPROCESS_COLLECT_THROUGH_AGENCY,
            EVENT_NO_FULL_DISPUTE_BEFORE_AGENCY});

    /**
     * The invoice has just become disputed in full: an open Visit customer or Approve hand-off to agency task of its
     * case would demand, or hand off, money nobody may demand while the dispute is open (DOMAIN.md 5). The stage it
     * belongs to (Collect in the field, Collect through agency) is left, with everything running in it (the contact
     * beside the visit), and the case waits before that stage ("Invoice not disputed in full"), as if the dispute had
     * come before it: a rejection starts the stage again (a new visit, the hand-off asked for again), a credit note
     * that settles the invoice ends the case. A task on a model version without that place stays. One annotated
     * modification per stage.
     *
     * @return the names of the tasks withdrawn
     */
    public List<String> withdrawStageTasksDisputedInFull(String invoiceNumber) {
        List<String> withdrawn = new ArrayList<>();
        for (String[] entry : STAGE_TASKS_WITHDRAWN) {
            for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(invoiceNumber)
                    .taskDefinitionKey(entry[0]).active().list()) {
                var definition = repository.getProcessDefinition(task.getProcessDefinitionId());
                if (!PROCESS_COLLECTION.equals(definition.getKey())) {
                    continue;
                }
                var model = repository.getBpmnModelInstance(definition.getId());
                if (model.getModelElementById(entry[1]) == null || model.getModelElementById(entry[2]) == null) {
                    continue;
                }
                var root = runtime.getActivityInstance(task.getProcessInstanceId());
                var stage = stageInstance(root, entry[1], task.getExecutionId());
                String parent = stage == null ? null : parentOf(root, stage.getId());
                if (parent == null) {
                    continue;
                }
                // the waiting place first, in the stage's parent scope, then the stage is cancelled: the scope never
                // empties
                runtime.createProcessInstanceModification(task.getProcessInstanceId())
                    .startBeforeActivity(entry[2], parent)
                    .cancelActivityInstance(stage.getId())
                    .setAnnotation("Invoice " + invoiceNumber + " disputed in full: " + task.getName()
                        + " withdrawn, the case waits until the dispute is decided")
                    .execute();
                withdrawn.add(task.getName());
            }
        }
        return withdrawn;
    }

    /** The instance of the stage {@code activityId} that holds the execution of a task, if any. */
    private static org.camunda.bpm.engine.runtime.ActivityInstance stageInstance(
            org.camunda.bpm.engine.runtime.ActivityInstance instance, String activityId, String executionId) {
        for (var child : instance.getChildActivityInstances()) {
            if (activityId.equals(child.getActivityId())
                && activityInstanceOfExecution(child, executionId) != null) {
                return child;
            }
            var found = stageInstance(child, activityId, executionId);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String activityInstanceOfExecution(org.camunda.bpm.engine.runtime.ActivityInstance instance,
                                                      String executionId) {
        for (var child : instance.getChildActivityInstances()) {
            if (java.util.Arrays.asList(child.getExecutionIds()).contains(executionId)
                && child.getChildActivityInstances().length == 0) {
                return child.getId();
            }
            String found = activityInstanceOfExecution(child, executionId);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String parentOf(org.camunda.bpm.engine.runtime.ActivityInstance instance, String childId) {
        for (var child : instance.getChildActivityInstances()) {
            if (child.getId().equals(childId)) {
                return instance.getId();
            }
            String found = parentOf(child, childId);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private boolean awaitsCredit(String processInstanceId) {
        return runtime.createExecutionQuery().processInstanceId(processInstanceId)
            .messageEventSubscriptionName(MSG_DISPUTE_CREDITED).count() > 0;
    }

    /**
     * Migrates one called process instance onto the newest version of its process when every activity it is in has
     * a counterpart there (checked first: a refused migration would mark the caller's transaction rollback-only).
     */
    private void moveToNewestVersion(ProcessInstance instance, String reason) {
        var newest = repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_DISPUTE).latestVersion()
            .singleResult();
        if (newest == null || newest.getId().equals(instance.getProcessDefinitionId())) {
            return;
        }
        var target = repository.getBpmnModelInstance(newest.getId());
        var source = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
        List<String> active = new ArrayList<>();
        collectActivities(runtime.getActivityInstance(instance.getId()), active);
        for (String activityId : active) {
            var from = source.getModelElementById(activityId);
            var to = target.getModelElementById(activityId);
            if (from == null || to == null || !from.getElementType().equals(to.getElementType())) {
                return;
            }
        }
        var plan = runtime.createMigrationPlan(instance.getProcessDefinitionId(), newest.getId())
            .mapEqualActivities().updateEventTriggers().build();
        int fromVersion = repository.getProcessDefinition(instance.getProcessDefinitionId()).getVersion();
        runtime.newMigration(plan).processInstanceIds(instance.getId()).execute();
        runtime.setVariable(instance.getId(), MIGRATED_BECAUSE, reason + "; moved from version " + fromVersion
            + " to version " + newest.getVersion() + " on " + clock.now());
    }

    private static void collectActivities(org.camunda.bpm.engine.runtime.ActivityInstance instance, List<String> ids) {
        if (instance == null) {
            return;
        }
        for (var transition : instance.getChildTransitionInstances()) {
            ids.add(transition.getActivityId());
        }
        for (var child : instance.getChildActivityInstances()) {
            ids.add(child.getActivityId());
            collectActivities(child, ids);
        }
    }

    /** Whether the case is waiting for this message right now (e.g. a receive task for the agency report). */
    public boolean awaits(String invoiceNumber, String messageName) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(invoiceNumber)
            .messageEventSubscriptionName(messageName).count() > 0;
    }

    /**
     * A request into the collection case (a promise, a dispute, a stage move...) when the case waits for this message
     * now. The subscription is looked up first; a race lost between lookup and correlation ends the same way.
     *
     * @return false when the case does not wait for the message (nothing was correlated)
     */
    public boolean requestIfWaiting(String invoiceNumber, String message, Map<String, Object> variables) {
        boolean subscribed = runtime.createExecutionQuery().processInstanceBusinessKey(invoiceNumber)
            .processDefinitionKey(PROCESS_COLLECTION).messageEventSubscriptionName(message).count() > 0;
        if (!subscribed) {
            return false;
        }
        try {
            runtime.createMessageCorrelation(message).processInstanceBusinessKey(invoiceNumber)
                .setVariables(variables).correlateWithResult();
            return true;
        } catch (MismatchingMessageCorrelationException e) {
            return false;
        }
    }

    /** The collection agency reported on the case (IN_PROGRESS, PARTLY_COLLECTED, COLLECTED, UNCOLLECTIBLE). */
    public void agencyReported(String invoiceNumber, String status) {
        runtime.createMessageCorrelation(MSG_AGENCY_REPORT).processInstanceBusinessKey(invoiceNumber)
            .setVariable(AGENCY_REPORT_STATUS, status)
            .correlate();
    }

    /** The limitation date comes near: the case (when it listens for the warning) tells legal. */
    public void limitationApproaching(String invoiceNumber, LocalDate limitationDate) {
        runtime.createMessageCorrelation(MSG_LIMITATION_APPROACHING).processInstanceBusinessKey(invoiceNumber)
            .setVariable(LIMITATION_DATE, limitationDate.toString()).correlate();
    }

    /**
     * The limitation date legal's open "Review limitation" task was opened for (the date of the last warning), when
     * such a task is open.
     */
    public Optional<LocalDate> openLimitationReview(String invoiceNumber) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(invoiceNumber)
            .messageEventSubscriptionName(MSG_LIMITATION_DATE_MOVED).list().stream()
            .map(e -> runtime.getVariable(e.getId(), LIMITATION_DATE))
            .filter(java.util.Objects::nonNull)
            .map(d -> LocalDate.parse(d.toString()))
            .findFirst();
    }

    /**
     * The invoices whose case has legal's "Review limitation" task open, read a page at a time: the daily limitation
     * check asks {@link #openLimitationReview} only for these, not one engine query for every open invoice.
     */
    public Set<String> casesWithOpenLimitationReview() {
        Set<String> invoiceNumbers = new java.util.HashSet<>();
        for (int first = 0; ; first += REVIEW_PAGE) {
            List<org.camunda.bpm.engine.runtime.Execution> page = runtime.createExecutionQuery()
                .messageEventSubscriptionName(MSG_LIMITATION_DATE_MOVED).orderByProcessInstanceId().asc()
                .listPage(first, REVIEW_PAGE);
            Set<String> instanceIds = new java.util.HashSet<>();
            page.forEach(e -> instanceIds.add(e.getProcessInstanceId()));
            if (!instanceIds.isEmpty()) {
                runtime.createProcessInstanceQuery().processInstanceIds(instanceIds).listPage(0, instanceIds.size())
                    .forEach(p -> invoiceNumbers.add(p.getBusinessKey()));
            }
            if (page.size() < REVIEW_PAGE) {
                return invoiceNumbers;
            }
        }
    }

    private static final int REVIEW_PAGE = 500;

    /** The limitation date moved away from the one legal's open review was opened for: the review is withdrawn. */
    public void limitationDateMoved(String invoiceNumber) {
        runtime.createMessageCorrelation(MSG_LIMITATION_DATE_MOVED).processInstanceBusinessKey(invoiceNumber)
            .correlateAll();
    }

    /** A supervisor recalls the case from the agency; {@code by} is the reason and who gave it. */
    public void agencyRecalled(String invoiceNumber, String by) {
        runtime.createMessageCorrelation(MSG_AGENCY_RECALL).processInstanceBusinessKey(invoiceNumber)
            .setVariable(AGENCY_RECALL_REASON, by).correlate();
    }

    /**
     * The invoice's running instalment-agreement process (called by the case), if any: found by the case's process
     * instance id kept on the invoice (primary-key lookups, no scan by business key).
     */
    public Optional<String> runningPlan(String invoiceNumber) {
        return caseOf(invoiceNumber).map(caseId -> runtime.createProcessInstanceQuery().superProcessInstanceId(caseId)
                .processDefinitionKey(PROCESS_INSTALMENT_AGREEMENT).singleResult())
            .map(ProcessInstance::getId);
    }

    /** The invoice owes nothing any more: the running plan ends as kept (and its case with it). */
    public void planPaidOff(String planInstanceId) {
        runtime.createMessageCorrelation(MSG_PLAN_PAID_OFF).processInstanceId(planInstanceId).correlate();
    }

    /**
     * An accelerated plan is reinstated (a payment dated within the demand period arrived late): the case, which
     * resumed collection, leaves its stage for the plan again, as for a newly proposed one.
     *
     * @return false when the case cannot take the plan now (closed, or not in a collection stage)
     */
    public boolean reinstatePlan(String invoiceNumber, long agreementId) {
        Optional<String> caseId = caseOf(invoiceNumber);
        if (caseId.isEmpty() || runtime.createExecutionQuery().processInstanceId(caseId.get())
            .messageEventSubscriptionName(MSG_AGREEMENT_PROPOSED).count() == 0) {
            return false;
        }
        runtime.createMessageCorrelation(MSG_AGREEMENT_PROPOSED).processInstanceId(caseId.get())
            .setVariables(Map.of(AGREEMENT_ID, agreementId)).correlate();
        return true;
    }

    /**
     * Whether the exception is the engine's "someone else changed this case meanwhile" (optimistic locking): work
     * that lost such a race may run again from the start.
     */
    public static boolean isConcurrentChange(RuntimeException e) {
        return e instanceof OptimisticLockingException;
    }

    /** Process instance ids per engine query when the customer's cases are looked up by id: a bounded IN list. */
    static final int IDS_PER_QUERY = 500;

    /**
     * The customer's master data changed: the running instances that keep a copy of it (the customer's cases and the
     * processes they called, {@link #instancesOf}) take the new values. A copy is set only where the instance
     * keeps that variable: no new variables in instances whose model never had one. {@code taskCopies} go onto the
     * open tasks of those instances that keep them locally (values a form shows from its task).
     */
    public void updateCustomerCopies(String customerId, Map<String, Object> copies, Map<String, Object> taskCopies) {
        for (ProcessInstance instance : instancesOf(customerId)) {
            for (Map.Entry<String, Object> copy : copies.entrySet()) {
                if (runtime.getVariables(instance.getId(), List.of(copy.getKey())).containsKey(copy.getKey())) {
                    runtime.setVariable(instance.getId(), copy.getKey(), copy.getValue());
                }
            }
            if (!taskCopies.isEmpty()) {
                for (Task task : tasks.createTaskQuery().processInstanceId(instance.getId()).list()) {
                    for (Map.Entry<String, Object> copy : taskCopies.entrySet()) {
                        if (tasks.getVariablesLocal(task.getId(), List.of(copy.getKey())).containsKey(copy.getKey())) {
                            tasks.setVariableLocal(task.getId(), copy.getKey(), copy.getValue());
                        }
                    }
                }
            }
        }
    }

    /**
     * The customer has a new owner collector: the open tasks about the customer assigned to the old one (tasks of its
     * cases and of the processes they called, standalone tasks naming the customer, and waiver requests about its
     * invoices) move to the new one; a task someone else claimed stays.
     */
    public void reassignCustomerTasks(String customerId, String from, String to) {
        Map<String, Task> found = new LinkedHashMap<>();
        for (List<String> ids : chunks(instanceIds(instancesOf(customerId)))) {
            tasks.createTaskQuery().taskAssignee(from).processInstanceIdIn(ids.toArray(String[]::new)).list()
                .forEach(t -> found.put(t.getId(), t));
        }
        // standalone tasks name the customer in a task variable (communication.ContactProblems)
        tasks.createTaskQuery().taskAssignee(from).taskVariableValueEquals(CUSTOMER_ID, customerId).list()
            .forEach(t -> found.put(t.getId(), t));
        // a waiver request, started from Tasklist outside the case, keeps the customer id of its invoice itself
        tasks.createTaskQuery().taskAssignee(from).processDefinitionKey(PROCESS_REQUEST_WAIVER)
            .processVariableValueEquals(CUSTOMER_ID, customerId).list()
            .forEach(t -> found.put(t.getId(), t));
        for (Task task : found.values()) {
            tasks.setAssignee(task.getId(), to);
        }
    }

    /**
     * The open tasks of the customer's cases with one of the task ids that wait unassigned in their queue (the owner
     * could not work the calls when they opened, {@code cases.OwnerTaskPlugin}) go to {@code to}; a task with the
     * task-local variable {@code unlessLocal} (a call covered by the customer's call of the day) stays unassigned.
     */
    public void assignQueuedTasks(String customerId, String to, java.util.Collection<String> taskKeys,
                                  String unlessLocal) {
        for (List<String> ids : chunks(instanceIds(instancesOf(customerId)))) {
            for (Task task : tasks.createTaskQuery().taskUnassigned().active()
                .taskDefinitionKeyIn(taskKeys.toArray(String[]::new))
                .processInstanceIdIn(ids.toArray(String[]::new)).list()) {
                if (tasks.getVariableLocal(task.getId(), unlessLocal) == null) {
                    tasks.setAssignee(task.getId(), to);
                }
            }
        }
    }

    /**
     * The running process instances of the customer's cases: each case by the process instance id its invoice keeps
     * (every invoice of the customer that had a case, by the index on the customer id) and the processes it called
     * (same root instance, by the engine's index on it), at most {@link #IDS_PER_QUERY} cases per native query, as
     * {@link #running(String)} explains. Cases started before issue 18 also kept the customer id as a variable; a
     * query by that value scanned the variables of every open case (no index on a variable's value), and no case
     * keeps it now.
     */
    private List<ProcessInstance> instancesOf(String customerId) {
        Map<String, ProcessInstance> found = new LinkedHashMap<>();
        for (List<String> cases : chunks(invoices.caseIdsOfCustomer(customerId))) {
            StringBuilder in = new StringBuilder();
            Map<String, Object> parameters = new LinkedHashMap<>();
            for (int i = 0; i < cases.size(); i++) {
                in.append(i == 0 ? "" : ", ").append("#{p").append(i).append('}');
                parameters.put("p" + i, cases.get(i));
            }
            var query = runtime.createNativeProcessInstanceQuery().sql("SELECT RES.* FROM " + executionTable()
                + " RES WHERE RES.ID_ = RES.PROC_INST_ID_ AND RES.ROOT_PROC_INST_ID_ IN (" + in + ") ORDER BY RES.ID_");
            parameters.forEach(query::parameter);
            query.list().forEach(pi -> found.put(pi.getId(), pi));
        }
        return List.copyOf(found.values());
    }

    private static List<String> instanceIds(List<ProcessInstance> instances) {
        return instances.stream().map(ProcessInstance::getId).toList();
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new java.util.ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)));
        }
        return chunks;
    }

    /** An active user task of a case: its id, its priority and the customer the case is about. */
    public record CustomerTask(String id, int priority, String customerId) {
    }

    /**
     * The active tasks of this task definition (e.g. every open call), each with the customer of its case: the invoice
     * of the process instance the task is in (its business key, also in the processes a case calls), read for all
     * tasks at once. A task whose invoice is not found shows the customer id its instance keeps, if any.
     */
    public List<CustomerTask> activeTasksWithCustomer(String taskDefinitionKey) {
        List<Task> found = tasks.createTaskQuery().taskDefinitionKey(taskDefinitionKey).active().list();
        Map<String, String> invoiceOfInstance = new java.util.HashMap<>();
        for (List<String> ids : chunks(found.stream().map(Task::getProcessInstanceId)
                .filter(java.util.Objects::nonNull).distinct().toList())) {
            runtime.createProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(ids)).list().stream()
                .filter(pi -> pi.getBusinessKey() != null)
                .forEach(pi -> invoiceOfInstance.put(pi.getId(), pi.getBusinessKey()));
        }
        Map<String, String> customerOfInvoice = new java.util.HashMap<>();
        for (List<String> numbers : chunks(invoiceOfInstance.values().stream().distinct().toList())) {
            customerOfInvoice.putAll(invoices.customersOf(numbers));
        }
        return found.stream().map(t -> {
            String customer = customerOfInvoice.get(invoiceOfInstance.get(t.getProcessInstanceId()));
            if (customer == null) {
                Object copy = tasks.getVariable(t.getId(), CUSTOMER_ID);
                customer = copy == null ? null : copy.toString();
            }
            return new CustomerTask(t.getId(), t.getPriority(), customer);
        }).toList();
    }

    /** The same for one customer's cases ({@link #instancesOf}: the ids on its invoices, not a variable's value). */
    public List<CustomerTask> activeTasksOfCustomer(String taskDefinitionKey, String customerId) {
        List<CustomerTask> found = new java.util.ArrayList<>();
        for (List<String> ids : chunks(instanceIds(instancesOf(customerId)))) {
            tasks.createTaskQuery().taskDefinitionKey(taskDefinitionKey).active()
                .processInstanceIdIn(ids.toArray(String[]::new)).list()
                .forEach(t -> found.add(new CustomerTask(t.getId(), t.getPriority(), customerId)));
        }
        return found;
    }

    /** The priority Tasklist sorts by. */
    public void setPriority(String taskId, int priority) {
        tasks.setPriority(taskId, priority);
    }

    /**
     * A standalone Tasklist task for a group, outside any case; {@code key} is the first line of its description,
     * so that whoever raises it can find it again and raise it once.
     */
    public record GroupTask(String group, String name, String key, String text, int priority, Instant due) {
    }

    public void openGroupTask(GroupTask task) {
        openGroupTask(task, null, null, null);
    }

    /** The same, assigned to a person, with a task-local variable by which other code finds it (e.g. the customer). */
    public void openGroupTask(GroupTask task, String assignee, String localVariable, Object value) {
        Task created = tasks.newTask();
        created.setName(task.name());
        created.setDescription(task.key() + "\n" + task.text());
        if (assignee != null) {
            created.setAssignee(assignee);
        }
        created.setPriority(task.priority());
        created.setDueDate(Date.from(task.due()));
        tasks.saveTask(created);
        tasks.addCandidateGroup(created.getId(), task.group());
        if (localVariable != null) {
            tasks.setVariableLocal(created.getId(), localVariable, value);
        }
    }

    /** An open standalone task by its id and its key (the first line of its description). */
    public record KeyedTask(String id, String key) {
    }

    /** The open standalone tasks whose key starts with {@code keyPrefix}, of any group. */
    public List<KeyedTask> openKeyedTasks(String keyPrefix) {
        return tasks.createTaskQuery().taskDescriptionLike(keyPrefix + "%").list().stream()
            .filter(t -> t.getDescription() != null && firstLine(t.getDescription()).startsWith(keyPrefix))
            .map(t -> new KeyedTask(t.getId(), firstLine(t.getDescription()))).toList();
    }

    /** The ids of the group's open standalone tasks whose name is like {@code nameLike} and whose key is {@code key}. */
    public List<String> openGroupTasks(String group, String nameLike, String key) {
        return tasks.createTaskQuery().taskNameLike(nameLike).taskCandidateGroup(group).list().stream()
            .filter(t -> t.getDescription() != null && key.equals(firstLine(t.getDescription())))
            .map(Task::getId).toList();
    }

    public void completeTask(String taskId) {
        tasks.complete(taskId);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * The engine's clock: the time its timers fall due by. A process test that moves it moves the domain's today
     * with it ({@link BusinessClock} reads it).
     */
    public static Instant engineTime() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    private Optional<String> caseOf(String invoiceNumber) {
        return invoices.find(invoiceNumber).map(Invoice::processInstanceId);
    }

    /**
     * Writes today's outstanding amount into the display variable (Cockpit, Tasklist) of the case a delegate or
     * listener runs in. The days overdue follow only in cases that keep a copy (started on a model version before
     * issue 18, step 5): newer cases show them on each task, from the day the task opened (cases.FormFactsListener).
     */
    public static void showFigures(VariableScope scope, BigDecimal outstanding, long daysOverdue) {
        scope.setVariable(OUTSTANDING_AMOUNT, toNumber(outstanding));
        if (scope.hasVariable(DAYS_OVERDUE)) {
            scope.setVariable(DAYS_OVERDUE, daysOverdue);
        }
    }

    /**
     * Process variables carry amounts as numbers so that Cockpit shows them; the exact figure stays
     * in the domain tables as BigDecimal.
     */
    public static Object toNumber(BigDecimal amount) {
        return amount.doubleValue();
    }
}
