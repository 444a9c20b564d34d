package com.collectwise.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * The memo of the latest versions on plain engines over one H2 database: "this node" with {@link
 * LatestVersionMemoPlugin} (a clock the test moves, TTL 5 s) and, where another node is needed, a second engine without
 * it. Every SELECT this node sends is counted by the first table after FROM, as the benchmark counts them.
 */
class LatestVersionMemoTest {

    static final String PROCDEF = "ACT_RE_PROCDEF";
    static final String DECISIONS = "ACT_RE_DECISION_DEF";

    /** SELECTs of this node by table. */
    static final class Selects implements QueryExecutionListener {
        private static final Pattern FROM = Pattern.compile("\\bfrom\\s+([\\w.\"]+)", Pattern.CASE_INSENSITIVE);
        final Map<String, AtomicLong> byTable = new ConcurrentHashMap<>();

        @Override
        public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        }

        @Override
        public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
            for (QueryInfo query : queryInfoList) {
                String sql = query.getQuery().strip();
                if (sql.regionMatches(true, 0, "select", 0, 6)) {
                    Matcher m = FROM.matcher(sql);
                    String table = m.find() ? m.group(1).replace("\"", "").toUpperCase(Locale.ROOT) : "?";
                    byTable.computeIfAbsent(table, k -> new AtomicLong()).incrementAndGet();
                }
            }
        }

        long of(String table) {
            AtomicLong n = byTable.get(table);
            return n == null ? 0 : n.get();
        }

        /** The SELECTs on the two tables while {@code action} runs. */
        Map<String, Long> during(Runnable action) {
            long procdef = of(PROCDEF);
            long decisions = of(DECISIONS);
            action.run();
            Map<String, Long> counted = new TreeMap<>();
            counted.put(PROCDEF, of(PROCDEF) - procdef);
            counted.put(DECISIONS, of(DECISIONS) - decisions);
            return counted;
        }
    }

    final String database = "memo-" + UUID.randomUUID();
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    /** Run once at the next reading of this node's clock (the memo reads it right after the database answered). */
    final AtomicReference<Runnable> atNextTick = new AtomicReference<>();
    final Selects selects = new Selects();
    final List<ProcessEngine> engines = new ArrayList<>();
    ProcessEngine node;
    RepositoryService repository;
    RuntimeService runtime;

    DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    ProcessEngine engine(String name, DataSource dataSource, Duration ttl) {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName(name + "-" + database);
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setJobExecutorActivate(false);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setMetricsEnabled(false);
        if (ttl != null) {
            configuration.getProcessEnginePlugins().add(new LatestVersionMemoPlugin(ttl, () -> {
                Runnable hook = atNextTick.getAndSet(null);
                if (hook != null) {
                    hook.run();
                }
                return nanos.get();
            }));
        }
        ProcessEngine engine = configuration.buildProcessEngine();
        engines.add(engine);
        return engine;
    }

    /** A second node on the same database, without the memo (what it changes, this node learns from the database). */
    ProcessEngine otherNode() {
        return engine("other", h2(), null);
    }

    LatestVersionMemo memo() {
        return (LatestVersionMemo) ((ProcessEngineConfigurationImpl) node.getProcessEngineConfiguration())
            .getDeploymentCache();
    }

    @BeforeEach
    void thisNode() {
        DataSource counted = ProxyDataSourceBuilder.create(h2()).name("this-node").listener(selects).build();
        node = engine("this", counted, Duration.ofSeconds(5));
        repository = node.getRepositoryService();
        runtime = node.getRuntimeService();
    }

    @AfterEach
    void close() {
        engines.forEach(ProcessEngine::close);
    }

    // the models: a case that decides by the latest decision, then calls the latest child and waits for a timer

    static BpmnModelInstance parent(String name) {
        return Bpmn.createExecutableProcess("parent").name(name).camundaHistoryTimeToLive(1)
            .startEvent()
            .businessRuleTask("decide").camundaDecisionRef("policy").camundaDecisionRefBinding("latest")
            .camundaMapDecisionResult("singleEntry").camundaResultVariable("policy")
            .callActivity("call").calledElement("child").camundaCalledElementBinding("latest")
            // a timer with a retry cycle looks its definition up by id (Camunda's DefaultJobRetryCmd)
            .intermediateCatchEvent("wait").timerWithDuration("PT1H").camundaFailedJobRetryTimeCycle("R3/PT5M")
            .endEvent().done();
    }

    static BpmnModelInstance child(String name) {
        return Bpmn.createExecutableProcess("child").name(name).camundaHistoryTimeToLive(1)
            .startEvent().endEvent().done();
    }

    static String policy(int value) {
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
                xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="d" name="d" namespace="http://test">
              <decision id="policy" name="Policy" camunda:historyTimeToLive="P1D">
                <decisionTable id="table">
                  <input id="in"><inputExpression id="e" typeRef="string"><text>"x"</text></inputExpression></input>
                  <output id="out" name="value" typeRef="integer" />
                  <rule id="r"><inputEntry id="ie"><text></text></inputEntry>
                    <outputEntry id="oe"><text>%d</text></outputEntry></rule>
                </decisionTable>
              </decision>
            </definitions>
            """.formatted(value).strip();
    }

    String deploy(RepositoryService on, String version) {
        return on.createDeployment().name("version " + version)
            .addModelInstance("parent.bpmn", parent("parent " + version))
            .addModelInstance("child.bpmn", child("child " + version))
            .addString("policy.dmn", policy(Integer.parseInt(version)))
            .deploy().getId();
    }

    ProcessInstance start() {
        return runtime.startProcessInstanceByKey("parent");
    }

    /** The version of the parent a started case runs, the policy it got and the version of the child it called. */
    String versions(ProcessInstance pi) {
        String parent = repository.getProcessDefinition(pi.getProcessDefinitionId()).getName();
        Object decided = runtime.getVariable(pi.getId(), "policy");
        String child = node.getHistoryService().createHistoricProcessInstanceQuery()
            .superProcessInstanceId(pi.getId()).singleResult().getProcessDefinitionId();
        return parent + ", policy " + decided + ", " + repository.getProcessDefinition(child).getName();
    }

    // the tests

    @Test
    void theSecondStartAsksTheDatabaseForNoLatestVersion() {
        deploy(repository, "1");
        Map<String, Long> first = selects.during(this::start);
        Map<String, Long> second = selects.during(this::start);

        // the first: the parent by key, the child and the decision without tenant (Camunda's three queries)
        assertThat(first).containsEntry(PROCDEF, 2L).containsEntry(DECISIONS, 1L);
        // the second: none (Camunda: the same three again)
        assertThat(second).containsEntry(PROCDEF, 0L).containsEntry(DECISIONS, 0L);
        assertThat(memo().served()).isEqualTo(3);
        assertThat(memo().kept()).isEqualTo(3);
    }

    @Test
    void aNewVersionDeployedOnThisNodeServesTheVeryNextStart() {
        deploy(repository, "1");
        assertThat(versions(start())).isEqualTo("parent 1, policy 1, child 1");
        assertThat(versions(start())).isEqualTo("parent 1, policy 1, child 1");

        deploy(repository, "2");

        assertThat(versions(start())).isEqualTo("parent 2, policy 2, child 2");
        assertThat(selects.during(this::start)).containsEntry(PROCDEF, 0L).containsEntry(DECISIONS, 0L);
    }

    @Test
    void undeployingTheLatestVersionOnThisNodeServesThePreviousOneAtOnce() {
        deploy(repository, "1");
        String second = deploy(repository, "2");
        assertThat(versions(start())).isEqualTo("parent 2, policy 2, child 2");

        repository.deleteDeployment(second, true);

        assertThat(memo().kept()).isZero();
        assertThat(versions(start())).isEqualTo("parent 1, policy 1, child 1");
    }

    /** A deployment committed between the database's answer and keeping it (another thread's, here the clock's). */
    @Test
    void anAnswerReadBeforeADeploymentHereIsNotKept() {
        deploy(repository, "1");
        atNextTick.set(() -> {
            Thread deploying = new Thread(() -> memo().forgetAll()); // what a deployment's commit does, elsewhere
            deploying.start();
            try {
                deploying.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        start();
        // the parent's answer was read before the forgetting: not kept; the decision and the child after it: kept
        assertThat(memo().kept()).isEqualTo(2);
        assertThat(selects.during(this::start)).containsEntry(PROCDEF, 1L).containsEntry(DECISIONS, 0L);
        assertThat(memo().kept()).isEqualTo(3);
    }

    @Test
    void aVersionDeployedOnAnotherNodeIsServedOnceTheTimeToLiveHasPassed() {
        deploy(repository, "1");
        assertThat(versions(start())).isEqualTo("parent 1, policy 1, child 1");

        deploy(otherNode().getRepositoryService(), "2");

        nanos.addAndGet(Duration.ofMillis(4_999).toNanos());
        assertThat(versions(start())).as("within the time to live").isEqualTo("parent 1, policy 1, child 1");
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(versions(start())).as("after it").isEqualTo("parent 2, policy 2, child 2");
    }

    @Test
    void aVersionDeletedOnAnotherNodeFailsOneStartAtMost() {
        deploy(repository, "1");
        ProcessEngine other = otherNode();
        String second = deploy(other.getRepositoryService(), "2");
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(versions(start())).isEqualTo("parent 2, policy 2, child 2");

        other.getRepositoryService().deleteDeployment(second, true);

        // this node still has version 2 parsed and kept: its start fails on the database (the version's row is gone)
        // and the failure makes the memo forget it; Camunda's own cache would fail the same way for a start by id
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            try {
                outcomes.add(versions(start()));
            } catch (ProcessEngineException e) {
                outcomes.add("failed");
            }
        }
        assertThat(outcomes).containsExactly("failed", "parent 1, policy 1, child 1");
    }

    @Test
    void suspendingOnThisNodeRefusesTheNextStartAndActivatingAllowsIt() {
        deploy(repository, "1");
        start();
        repository.suspendProcessDefinitionByKey("parent");
        assertThatThrownBy(this::start).isInstanceOf(ProcessEngineException.class).hasMessageContaining("suspended");
        repository.activateProcessDefinitionByKey("parent");
        assertThat(versions(start())).isEqualTo("parent 1, policy 1, child 1");
    }

    @Test
    void aLookUpForATenantIsCamundasEveryTime() {
        deploy(repository, "1");
        node.getRepositoryService().createDeployment().tenantId("tenant-a")
            .addModelInstance("child.bpmn", child("child of tenant a")).deploy();
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
            node.getProcessEngineConfiguration();
        for (int i = 0; i < 2; i++) {
            String[] name = new String[1];
            Map<String, Long> counted = selects.during(() -> name[0] = configuration.getCommandExecutorTxRequired()
                .execute(c -> configuration.getDeploymentCache()
                    .findDeployedLatestProcessDefinitionByKeyAndTenantId("child", "tenant-a").getName()));
            assertThat(name[0]).isEqualTo("child of tenant a");
            assertThat(counted).containsEntry(PROCDEF, 1L);
        }
        // a start by key for a key with versions of a tenant and without one: Camunda's answer (ambiguous here)
        node.getRepositoryService().createDeployment().tenantId("tenant-a")
            .addModelInstance("parent.bpmn", parent("parent of tenant a")).deploy();
        assertThatThrownBy(this::start).isInstanceOf(ProcessEngineException.class);
    }

    @Test
    void theDeploymentCacheOfTheEngineIsCamundasBehindTheMemo() {
        deploy(repository, "1");
        start();
        ProcessDefinition parent = repository.createProcessDefinitionQuery().processDefinitionKey("parent")
            .singleResult();
        // the parsed definitions are in Camunda's cache, the memo's own inherited caches stay empty
        assertThat(memo().getProcessDefinitionCache().get(parent.getId())).isNotNull();
        assertThat(memo().camunda().getProcessDefinitionCache().get(parent.getId())).isNotNull();
        assertThat(memo().getProcessDefinitionCache()).isSameAs(memo().camunda().getProcessDefinitionCache());
    }
}
