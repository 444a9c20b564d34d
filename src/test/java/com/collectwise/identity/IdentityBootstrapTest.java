package com.collectwise.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The first administrator and the idempotency of the bootstrap, each case on a fresh engine. Each call
 * of {@code start()} is what one application start does.
 */
@ExtendWith(OutputCaptureExtension.class)
class IdentityBootstrapTest {

    private ProcessEngine engine;
    private IdentityService identity;
    private AuthorizationService authorizations;
    private FilterService filters;

    @TempDir
    Path tmp;

    @BeforeEach
    void freshEngine() {
        engine = TestEngines.fresh();
        identity = engine.getIdentityService();
        authorizations = engine.getAuthorizationService();
        filters = engine.getFilterService();
    }

    @AfterEach
    void closeEngine() {
        TestEngines.close(engine);
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
        // the shared five (Field visits, Approvals, Legal, Overdue tasks, Calls without an owner); "My calls today"
        // exists per collector or supervisor, and there is none yet
        assertThat(before.get("filters")).isEqualTo(5);
    }

    @Test
    void keepsADirectMemberInCamundaAdminWhenAnotherGroupAdministers() {
        start(new AdminAccount("admin", "First-Secret-Passw0rd!", null));
        // the administrators are now another group with the same grants; camunda-admin is empty
        var group = identity.newGroup("itadmins");
        group.setName("IT administrators");
        identity.saveGroup(group);
        identity.createMembership("admin", "itadmins");
        for (org.camunda.bpm.engine.authorization.Resources resource
            : org.camunda.bpm.engine.authorization.Resources.values()) {
            AccessRules.ensure(authorizations, "itadmins", resource, "*",
                org.camunda.bpm.engine.authorization.Permissions.ALL);
        }
        identity.deleteMembership("admin", Groups.CAMUNDA_ADMIN);
        assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isZero();

        start(new AdminAccount("admin", "First-Secret-Passw0rd!", null));

        assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).list()).extracting("id")
            .containsExactly("admin");
        assertThat(identity.checkPassword("admin", "First-Secret-Passw0rd!")).isTrue();
    }

    @Test
    void twoNodesCreatingTheSameUsersFilterEndUpWithOne() {
        start(new AdminAccount("admin", "First-Secret-Passw0rd!", null));
        var li = identity.newUser("li");
        li.setPassword("Wp4!tX8#qL2z");
        identity.saveUser(li);
        identity.createMembership("li", "supervisors");
        // the other node's copy, made in the same minute
        filters.saveFilter(filters.newTaskFilter("My calls today").setOwner("li")
            .setQuery(engine.getTaskService().createTaskQuery().taskAssignee("li")));
        TasklistFilters.refresh(engine, java.time.ZoneId.of("UTC"));
        filters.saveFilter(filters.newTaskFilter("My calls today").setOwner("li")
            .setQuery(engine.getTaskService().createTaskQuery().taskAssignee("li")));

        TasklistFilters.refresh(engine, java.time.ZoneId.of("UTC"));

        assertThat(filters.createFilterQuery().filterName("My calls today").filterOwner("li").count()).isEqualTo(1);
    }

    @Test
    void filtersWithExpressionsAreRewrittenAtStart() {
        start(new AdminAccount("admin", "First-Secret-Passw0rd!", null));
        var chen = identity.newUser("chen");
        chen.setPassword("Wp4!tX8#qL2z");
        identity.saveUser(chen);
        identity.createMembership("chen", "collectors");
        // what an earlier version stored, and a filter somebody made by hand with an expression in orQueries,
        // back when stored expressions were allowed (now the engine refuses to save them)
        var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
            engine.getProcessEngineConfiguration();
        configuration.setEnableExpressionsInStoredQueries(true);
        filters.deleteFilter(filters.createFilterQuery().filterName("Overdue tasks").singleResult().getId());
        var task = engine.getTaskService();
        filters.saveFilter(filters.newTaskFilter("My calls today").setQuery(task.createTaskQuery()
            .taskDefinitionKey("Task_CallCustomer").taskAssigneeExpression("${currentUser()}")
            .followUpBeforeOrNotExistentExpression("${dateTime().withTimeAtStartOfDay().plusDays(1).toDate()}")));
        filters.saveFilter(filters.newTaskFilter("Overdue tasks")
            .setQuery(task.createTaskQuery().dueBeforeExpression("${now()}")));
        var handmade = task.createTaskQuery().taskName("Call customer");
        handmade.or().taskCandidateGroupInExpression("${currentUserGroups()}").endOr();
        String handmadeId = filters.saveFilter(filters.newTaskFilter("Mine, by hand").setQuery(handmade)).getId();
        configuration.setEnableExpressionsInStoredQueries(false);

        start(new AdminAccount("admin", "First-Secret-Passw0rd!", null));

        for (var filter : filters.createFilterQuery().list()) {
            assertThat(TasklistFilters.hasExpressions(filters.getFilter(filter.getId()).getQuery()))
                .as(filter.getName()).isFalse();
        }
        var myCalls = filters.createFilterQuery().filterName("My calls today").list();
        assertThat(myCalls).extracting(org.camunda.bpm.engine.filter.Filter::getOwner).containsExactly("chen");
        org.camunda.bpm.engine.impl.TaskQueryImpl calls = filters.getFilter(myCalls.get(0).getId()).getQuery();
        assertThat(calls.getAssignee()).isEqualTo("chen");
        assertThat(calls.getFollowUpBefore()).isAfter(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime());
        assertThat(calls.isFollowUpNullAccepted()).isTrue();
        org.camunda.bpm.engine.impl.TaskQueryImpl overdue = filters.getFilter(filters.createFilterQuery()
            .filterName("Overdue tasks").singleResult().getId()).getQuery();
        assertThat(overdue.getDueBefore()).isNotNull();
        org.camunda.bpm.engine.impl.TaskQueryImpl kept = filters.getFilter(handmadeId).getQuery();
        assertThat(kept.getName()).isEqualTo("Call customer");
        // and every filter runs with stored expressions switched off, as in the application
        identity.setAuthentication("chen", java.util.List.of("collectors"));
        try {
            assertThat(filters.count(myCalls.get(0).getId())).isZero();
        } finally {
            identity.clearAuthentication();
        }
        for (var filter : filters.createFilterQuery().list()) {
            assertThat(filters.count(filter.getId())).as(filter.getName()).isNotNull();
        }
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
