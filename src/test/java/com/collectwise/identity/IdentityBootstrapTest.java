package com.collectwise.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/**
 * The identity bootstrap against a fresh engine per test, configured like the application (authorization
 * and password policy on). Each call of {@code start()} is what one application start does.
 */
@ExtendWith(OutputCaptureExtension.class)
class IdentityBootstrapTest {

    private static Level rootLevel;

    private ProcessEngine engine;
    private IdentityService identity;
    private AuthorizationService authorizations;
    private FilterService filters;

    @TempDir
    Path tmp;

    @BeforeAll
    static void quietEngine() {
        // without a Spring context logback would print every engine statement at DEBUG
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.INFO);
    }

    @AfterAll
    static void restoreLogging() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(rootLevel);
    }

    @BeforeEach
    void freshEngine() {
        String name = "identity-" + UUID.randomUUID();
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl)
            ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration();
        config.setProcessEngineName(name);
        config.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        config.setAuthorizationEnabled(true);
        config.setEnablePasswordPolicy(true);
        config.setJobExecutorActivate(false);
        engine = config.buildProcessEngine();
        identity = engine.getIdentityService();
        authorizations = engine.getAuthorizationService();
        filters = engine.getFilterService();
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    private void start(AdminAccount account) {
        new IdentityBootstrap(account).postProcessEngineBuild(engine);
    }

    private AdminAccount generated() {
        return new AdminAccount("boss", "", tmp.resolve("secrets/nested/initial-admin-password.txt"));
    }

    @Test
    void generatesAPolicyConformPasswordWritesItForTheOwnerAndLogsItOnce(CapturedOutput output) throws Exception {
        AdminAccount account = generated();
        start(account);

        Path file = account.passwordFile();
        assertThat(file).exists();
        String password = Files.readString(file).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(identity.checkPassword("boss", password)).isTrue();
        assertThat(identity.checkPasswordAgainstPolicy(password, identity.createUserQuery().userId("boss")
            .singleResult()).isValid()).isTrue();
        assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).list())
            .extracting("id").containsExactly("boss");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(occurrences(output.getAll(), password)).isEqualTo(1);

        // the second start neither creates nor logs anything
        start(account);
        assertThat(Files.readString(file).strip()).isEqualTo(password);
        assertThat(identity.checkPassword("boss", password)).isTrue();
        assertThat(occurrences(output.getAll(), password)).isEqualTo(1);
    }

    @Test
    void eachGeneratedPasswordIsNew() {
        FirstAdministrator first = new FirstAdministrator(generated());
        assertThat(first.generatePassword()).isNotEqualTo(first.generatePassword())
            .matches(p -> p.chars().anyMatch(Character::isUpperCase) && p.chars().anyMatch(Character::isLowerCase)
                && p.chars().anyMatch(Character::isDigit) && p.chars().anyMatch(c -> !Character.isLetterOrDigit(c)));
    }

    @Test
    void usesTheConfiguredPasswordAsIsAndNeverLogsIt(CapturedOutput output) {
        String configured = "Test-Admin-Passw0rd!"; // breaks the user-data rule (contains the user id): kept anyway
        AdminAccount account = new AdminAccount("admin", configured, tmp.resolve("pw.txt"));
        start(account);

        assertThat(identity.checkPassword("admin", configured)).isTrue();
        assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).singleResult().getId())
            .isEqualTo("admin");
        assertThat(account.passwordFile()).doesNotExist();
        assertThat(account.toString()).doesNotContain(configured);
        assertThat(output.getAll()).contains("admin").doesNotContain(configured);

        AdminAccount policyConform = new AdminAccount("chief", "Kq7!vR2#mZ9x", tmp.resolve("other.txt"));
        identity.deleteMembership("admin", Groups.CAMUNDA_ADMIN);
        start(policyConform);
        assertThat(identity.checkPassword("chief", "Kq7!vR2#mZ9x")).isTrue();
        assertThat(output.getAll()).doesNotContain("Kq7!vR2#mZ9x");
    }

    @Test
    void doesNotTouchAnExistingAdministrator() {
        start(new AdminAccount("admin", "First-Secret-Passw0rd!", null));
        start(new AdminAccount("someoneelse", "Other-Secret-Passw0rd!", null));

        assertThat(identity.createUserQuery().userId("someoneelse").count()).isZero();
        assertThat(identity.checkPassword("admin", "First-Secret-Passw0rd!")).isTrue();
    }

    @Test
    void aSecondStartChangesNothing() {
        AdminAccount account = generated();
        start(account);
        Map<String, Long> before = counts();

        start(account);

        assertThat(counts()).isEqualTo(before);
        assertThat(before.get("filters")).isEqualTo(5);
    }

    @Test
    void createsEveryGroupWithItsType() {
        start(generated());

        for (CollectwiseGroup group : CollectwiseGroup.values()) {
            var stored = identity.createGroupQuery().groupId(group.id()).singleResult();
            assertThat(stored).as(group.id()).isNotNull();
            assertThat(stored.getName()).isEqualTo(group.displayName());
            assertThat(stored.getType()).isEqualTo(group.type());
        }
        assertThat(identity.createGroupQuery().groupId("integration").singleResult().getType())
            .isEqualTo(Groups.GROUP_TYPE_SYSTEM);
    }

    @Test
    void grantsEachGroupItsApplications() {
        start(generated());

        assertApplications("collectors", true, false, false);
        assertApplications("fieldcollectors", true, false, false);
        assertApplications("legal", true, false, false);
        assertApplications("supervisors", true, true, false);
        assertApplications("finance", true, true, false);
        assertApplications("integration", false, false, false);
        assertApplications(Groups.CAMUNDA_ADMIN, true, true, true);
    }

    @Test
    void grantsWhatEachRoleNeedsAndNoMore() {
        start(generated());
        String collection = "Process_ReceivableCollection";
        String moveCase = "Process_MoveCaseToStage";

        // Tasklist users see diagrams and load the deployed forms, but start and change nothing
        for (String group : List.of("collectors", "fieldcollectors", "legal")) {
            assertThat(granted(group, ProcessDefinitionPermissions.READ, Resources.PROCESS_DEFINITION, collection)).isTrue();
            assertThat(granted(group, Permissions.READ, Resources.DEPLOYMENT, "any-deployment")).isTrue();
            assertThat(granted(group, ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, moveCase))
                .isFalse();
            assertThat(granted(group, ProcessInstancePermissions.READ, Resources.PROCESS_INSTANCE, "pi")).isFalse();
            assertThat(granted(group, Permissions.CREATE, Resources.DEPLOYMENT, ANY)).isFalse();
        }
        // supervisors deploy from Modeler, migrate, and move cases
        assertThat(granted("supervisors", Permissions.CREATE, Resources.DEPLOYMENT, ANY)).isTrue();
        assertThat(granted("supervisors", ProcessDefinitionPermissions.MIGRATE_INSTANCE, Resources.PROCESS_DEFINITION,
            collection)).isTrue();
        assertThat(granted("supervisors", ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION,
            moveCase)).isTrue();
        assertThat(granted("supervisors", Permissions.CREATE, Resources.PROCESS_INSTANCE, ANY)).isTrue();
        assertThat(granted("supervisors", Permissions.CREATE, Resources.BATCH, ANY)).isTrue();
        // finance reads everything in Cockpit, history included, and changes nothing
        assertThat(granted("finance", ProcessDefinitionPermissions.READ_HISTORY, Resources.PROCESS_DEFINITION,
            collection)).isTrue();
        assertThat(granted("finance", ProcessInstancePermissions.READ, Resources.PROCESS_INSTANCE, "pi")).isTrue();
        assertThat(granted("finance", Permissions.READ_HISTORY, Resources.DECISION_DEFINITION, "Decision_NextStep"))
            .isTrue();
        assertThat(granted("finance", ProcessInstancePermissions.UPDATE, Resources.PROCESS_INSTANCE, "pi")).isFalse();
        assertThat(granted("finance", ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION,
            moveCase)).isFalse();
        assertThat(granted("finance", Permissions.CREATE, Resources.DEPLOYMENT, ANY)).isFalse();
        // integration clients only use /api: nothing but Camunda's default "members may read their group"
        assertThat(authorizations.createAuthorizationQuery().groupIdIn("integration").list())
            .allSatisfy(a -> {
                assertThat(a.getResourceType()).isEqualTo(Resources.GROUP.resourceType());
                assertThat(a.getResourceId()).isEqualTo("integration");
            });
        // administrators may do everything
        assertThat(granted(Groups.CAMUNDA_ADMIN, Permissions.DELETE, Resources.USER, "chen")).isTrue();
    }

    @Test
    void createsTheFiltersWithTheirPropertiesAndReaders() {
        start(generated());

        List<Filter> all = filters.createFilterQuery().list();
        assertThat(all).extracting(Filter::getName).containsExactlyInAnyOrder("My calls today", "Field visits",
            "Approvals", "Legal", "Overdue tasks");
        for (Filter filter : all) {
            Filter stored = filters.getFilter(filter.getId());
            assertThat(stored.<TaskQuery>getQuery()).isInstanceOf(TaskQuery.class);
            assertThat(stored.getProperties()).containsKeys("color", "priority", "description");
            assertThat((List<?>) stored.getProperties().get("variables")).extracting("name")
                .containsExactly("invoiceNumber", "customerName", "outstandingAmount", "currency", "daysOverdue",
                    "stage");
        }

        Filter myCalls = byName("My calls today");
        Filter approvals = byName("Approvals");
        assertThat(granted("collectors", Permissions.READ, Resources.FILTER, myCalls.getId())).isTrue();
        assertThat(granted("collectors", Permissions.READ, Resources.FILTER, approvals.getId())).isFalse();
        assertThat(granted("finance", Permissions.READ, Resources.FILTER, approvals.getId())).isTrue();
        assertThat(granted("fieldcollectors", Permissions.READ, Resources.FILTER, byName("Field visits").getId()))
            .isTrue();
        assertThat(granted("legal", Permissions.READ, Resources.FILTER, byName("Legal").getId())).isTrue();
        assertThat(granted("legal", Permissions.READ, Resources.FILTER, byName("Overdue tasks").getId())).isTrue();
    }

    @Test
    void theFiltersRunForTheirUsers() {
        start(generated());
        var task = engine.getTaskService().newTask();
        task.setName("Loose task, overdue");
        task.setDueDate(new java.util.Date(System.currentTimeMillis() - 86_400_000L));
        engine.getTaskService().saveTask(task);

        identity.setAuthentication("chen", List.of("collectors"));
        try {
            // the stored expressions (currentUser, dateTime, now) are evaluated here
            assertThat(filters.count(byName("My calls today").getId())).isZero();
            assertThat(filters.count(byName("Overdue tasks").getId())).isZero(); // chen may not read that task
        }
        finally {
            identity.clearAuthentication();
        }
        identity.setAuthentication("boss", List.of(Groups.CAMUNDA_ADMIN));
        try {
            assertThat(filters.count(byName("Overdue tasks").getId())).isEqualTo(1);
            for (Filter filter : filters.createFilterQuery().list()) {
                assertThat(filters.count(filter.getId())).as(filter.getName()).isNotNull();
            }
        }
        finally {
            identity.clearAuthentication();
        }
    }

    private Filter byName(String name) {
        return filters.createFilterQuery().filterName(name).singleResult();
    }

    private boolean granted(String group, Permission permission, Resource resource, String resourceId) {
        return authorizations.isUserAuthorized("someone-in-" + group, List.of(group), permission, resource, resourceId);
    }

    private void assertApplications(String group, boolean tasklist, boolean cockpit, boolean admin) {
        assertThat(granted(group, Permissions.ACCESS, Resources.APPLICATION, "tasklist")).as(group + " tasklist")
            .isEqualTo(tasklist);
        assertThat(granted(group, Permissions.ACCESS, Resources.APPLICATION, "cockpit")).as(group + " cockpit")
            .isEqualTo(cockpit);
        assertThat(granted(group, Permissions.ACCESS, Resources.APPLICATION, "admin")).as(group + " admin")
            .isEqualTo(admin);
    }

    private Map<String, Long> counts() {
        return Map.of(
            "users", identity.createUserQuery().count(),
            "groups", identity.createGroupQuery().count(),
            "admins", identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count(),
            "authorizations", authorizations.createAuthorizationQuery().count(),
            "filters", filters.createFilterQuery().count());
    }

    private static int occurrences(String text, String part) {
        return (int) Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }
}
