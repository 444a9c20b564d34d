package com.collectwise.process;

import static com.collectwise.kernel.CaseVariables.PROCESS_COLLECTION;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionManager;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import com.collectwise.kernel.Customer;
import com.collectwise.kernel.Invoice;
import com.collectwise.kernel.Segment;
import com.collectwise.operations.LatestVersionMemo;

/**
 * A case start asks the database for the latest version of the collection process and of its collection policy once
 * per time to live, not at every start (operations.LatestVersionMemo; issue 18, TUNING.md change 49), and a new version
 * deployed on this node serves the very next case. The engine's SQL to ACT_RE_PROCDEF and ACT_RE_DECISION_DEF is
 * counted from its MyBatis statement log (one "Preparing:" line per statement sent) on the test's thread.
 */
@SpringBootTest
@ActiveProfiles("test")
class LatestVersionCaseStartTest extends CollectionTestSupport {

    /** The MyBatis mappers of the two tables: every statement that reads them is logged under one of these. */
    static final List<String> MAPPERS = List.of(
        "org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity",
        "org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity");

    @Autowired RepositoryService repository;

    final List<String> deployments = new ArrayList<>();

    @AfterEach
    void undeploy() {
        deployments.forEach(id -> repository.deleteDeployment(id, true));
        deployments.clear();
    }

    ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    /** The SELECTs on the two tables the test's thread sends while {@code action} runs, as "table: statement". */
    List<String> selectsDuring(Runnable action) {
        List<String> selects = new CopyOnWriteArrayList<>();
        String thread = Thread.currentThread().getName();
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                String message = event.getFormattedMessage();
                if (event.getThreadName().equals(thread) && message.contains("Preparing:")
                    && message.toLowerCase().contains("select")) {
                    selects.add(event.getLoggerName().substring(event.getLoggerName().lastIndexOf('.') + 1));
                }
            }
        };
        appender.start();
        List<Logger> loggers = MAPPERS.stream().map(name -> (Logger) LoggerFactory.getLogger(name)).toList();
        List<Level> levels = loggers.stream().map(Logger::getLevel).toList();
        loggers.forEach(logger -> {
            logger.setLevel(Level.DEBUG);
            logger.addAppender(appender);
        });
        try {
            action.run();
        } finally {
            for (int i = 0; i < loggers.size(); i++) {
                loggers.get(i).detachAppender(appender);
                loggers.get(i).setLevel(levels.get(i));
            }
        }
        return selects;
    }

    String startCase(Customer customer, LocalDate dueDate) {
        Invoice invoice = invoice(customer, dueDate, 30, "5000.00");
        String id = cases.start(invoice, customer);
        started.add(id);
        return id;
    }

    /** The day the pre-due reminder of a case is due: its due date less the policy's preDueReminderDays. */
    LocalDate preDueReminder(String caseId) {
        return management.createJobQuery().processInstanceId(caseId).activityId("Timer_PreDueReminder")
            .singleResult().getDuedate().toInstant().atZone(ZONE).toLocalDate();
    }

    String definitionOf(String caseId) {
        return runtime.createProcessInstanceQuery().processInstanceId(caseId).singleResult().getProcessDefinitionId();
    }

    ProcessDefinition latestCollection() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_COLLECTION).latestVersion()
            .singleResult();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = LatestVersionCaseStartTest.class.getResourceAsStream("/processes/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theEngineAsksThroughTheMemo() {
        assertThat(configuration().getDeploymentCache()).isInstanceOf(LatestVersionMemo.class);
        assertThat(configuration().getSessionFactories().get(ProcessDefinitionManager.class).openSession())
            .isInstanceOf(ProcessDefinitionManager.class)
            .isNotExactlyInstanceOf(ProcessDefinitionManager.class);
        assertThat(configuration().getHistoryEventProducer().getClass().getName())
            .endsWith("LatestVersionMemoPlugin$DeployedDefinitions");
    }

    @Test
    void theSecondOfTwoCaseStartsSendsNoSelectForTheLatestVersions() {
        setClock(at(2026, 3, 2, 10, 0));
        Customer c = customer(Segment.DOMESTIC);
        if (configuration().getDeploymentCache() instanceof LatestVersionMemo memo) {
            memo.forgetAll(); // as after a deployment: the first start asks
        }

        List<String> first = selectsDuring(() -> startCase(c, LocalDate.of(2026, 4, 1)));
        List<String> second = selectsDuring(() -> startCase(c, LocalDate.of(2026, 4, 1)));
        System.out.println("[latest-version] first start " + first + ", second start " + second);

        // the first: the process by key (runtimeService.startProcessInstanceByKey) and the policy of "Determine
        // collection policy" (decisionRefBinding="latest"), as Camunda asks at every start
        assertThat(first).containsExactlyInAnyOrder("selectLatestProcessDefinitionByKey",
            "selectLatestDecisionDefinitionByKeyWithoutTenantId");
        // the second: nothing from either table (Camunda: the same two again)
        assertThat(second).isEmpty();
    }

    @Test
    void newVersionsOfTheProcessAndThePolicyDeployedHereServeTheVeryNextCaseAndUndeployingThemTheOneAfter()
        throws IOException {
        setClock(at(2026, 3, 2, 10, 0));
        Customer c = customer(Segment.DOMESTIC);
        LocalDate due = LocalDate.of(2026, 4, 1);
        String before = startCase(c, due);
        ProcessDefinition application = latestCollection();
        assertThat(definitionOf(before)).isEqualTo(application.getId());
        assertThat(preDueReminder(before)).isEqualTo(due.minusDays(7));
        startCase(c, due); // now served from the memo

        String process = resource("receivable-collection.bpmn")
            .replace("name=\"Determine collection policy\"", "name=\"Determine the collection policy\"");
        String policy = resource("collection-policy.dmn").replaceFirst(
            "(<outputEntry id=\"OutputEntry_CustomerNearby_0\">\\s*<text>)7(</text>)", "$13$2");
        assertThat(policy).isNotEqualTo(resource("collection-policy.dmn"));
        deployments.add(repository.createDeployment().name("new versions (test)")
            .addString("receivable-collection.bpmn", process).addString("collection-policy.dmn", policy)
            .deploy().getId());
        ProcessDefinition changed = latestCollection();
        assertThat(changed.getVersion()).isEqualTo(application.getVersion() + 1);

        String next = startCase(c, due);
        assertThat(definitionOf(next)).isEqualTo(changed.getId());
        assertThat(preDueReminder(next)).as("the new policy: 3 days before").isEqualTo(due.minusDays(3));

        undeploy();

        String after = startCase(c, due);
        assertThat(definitionOf(after)).isEqualTo(application.getId());
        assertThat(preDueReminder(after)).isEqualTo(due.minusDays(7));
    }
}
