package com.collectwise.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the bootstrap grants and creates, checked on one engine that started once. */
class AccessRulesTest {

    private static ProcessEngine engine;
    private static IdentityService identity;
    private static AuthorizationService authorizations;
    private static FilterService filters;

    @BeforeAll
    static void startOnce(@TempDir Path tmp) {
        engine = TestEngines.fresh();
        identity = engine.getIdentityService();
        authorizations = engine.getAuthorizationService();
        filters = engine.getFilterService();
        new IdentityBootstrap(new AdminAccount("boss", "", tmp.resolve("pw.txt"))).postProcessEngineBuild(engine);
        // a collector added later (in Admin) gets their own "My calls today" at the next refresh
        var mei = identity.newUser("mei");
        mei.setPassword("Wp4!tX8#qL2z");
        identity.saveUser(mei);
        identity.createMembership("mei", "collectors");
        TasklistFilters.refresh(engine, java.time.ZoneId.of("UTC"));
    }

    @AfterAll
    static void close() {
        TestEngines.close(engine);
    }

    @Test
    void createsEveryGroupWithItsType() {

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
        // collectors (only) also start waiver requests; supervisors may as well, through ALL
        String requestWaiver = "Process_RequestWaiver";
        assertThat(granted("collectors", ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION,
            requestWaiver)).isTrue();
        assertThat(granted("collectors", ProcessInstancePermissions.CREATE, Resources.PROCESS_INSTANCE, ANY)).isTrue();
        assertThat(granted("supervisors", ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION,
            requestWaiver)).isTrue();
        for (String group : List.of("fieldcollectors", "legal", "finance")) {
            assertThat(granted(group, ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION,
                requestWaiver)).as(group).isFalse();
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

        List<Filter> all = filters.createFilterQuery().list();
        assertThat(all).extracting(Filter::getName).containsExactlyInAnyOrder("My calls today", "Field visits",
            "Approvals", "Legal", "Overdue tasks", "Calls without an owner");
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
        // "My calls today" is mei's own: it names her as assignee instead of ${currentUser()}
        assertThat(myCalls.getOwner()).isEqualTo("mei");
        assertThat(((org.camunda.bpm.engine.impl.TaskQueryImpl) myCalls.getQuery()).getAssignee()).isEqualTo("mei");
        assertThat(authorizations.isUserAuthorized("mei", List.of("collectors"), Permissions.READ, Resources.FILTER,
            myCalls.getId())).isTrue();
        assertThat(granted("collectors", Permissions.READ, Resources.FILTER, myCalls.getId())).isFalse();
        // no filter holds an expression, at any depth
        for (Filter filter : all) {
            assertThat(TasklistFilters.hasExpressions(filters.getFilter(filter.getId()).getQuery()))
                .as(filter.getName()).isFalse();
        }
        assertThat(granted("collectors", Permissions.READ, Resources.FILTER, approvals.getId())).isFalse();
        assertThat(granted("finance", Permissions.READ, Resources.FILTER, approvals.getId())).isTrue();
        assertThat(((org.camunda.bpm.engine.impl.TaskQueryImpl) filters.getFilter(approvals.getId()).getQuery())
            .getKeys()).contains("Task_ApproveWaiver");
        assertThat(granted("fieldcollectors", Permissions.READ, Resources.FILTER, byName("Field visits").getId()))
            .isTrue();
        assertThat(granted("legal", Permissions.READ, Resources.FILTER, byName("Legal").getId())).isTrue();
        assertThat(granted("legal", Permissions.READ, Resources.FILTER, byName("Overdue tasks").getId())).isTrue();
    }


    @Test
    void theFiltersRunForTheirUsers() {
        var task = engine.getTaskService().newTask();
        task.setName("Loose task, overdue");
        task.setDueDate(new java.util.Date(System.currentTimeMillis() - 86_400_000L));
        engine.getTaskService().saveTask(task);

        identity.setAuthentication("mei", List.of("collectors"));
        try {
            assertThat(filters.count(byName("My calls today").getId())).isZero();
            assertThat(filters.count(byName("Overdue tasks").getId())).isZero(); // mei may not read that task
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


    @Test
    void theDefaultDemoPasswordFitsThePolicyForEveryDemoUser() throws Exception {
        String yaml = Files.readString(Path.of("src/main/resources/application-demo.yaml"));
        Matcher m = Pattern.compile("password: \\$\\{COLLECTWISE_DEMO_PASSWORD:(.+)}").matcher(yaml);
        assertThat(m.find()).as("demo password default in application-demo.yaml").isTrue();
        String demoPassword = m.group(1);

        for (DemoData.DemoUser demo : DemoData.USERS) {
            var user = identity.newUser(demo.id());
            user.setFirstName(demo.firstName());
            user.setLastName(demo.lastName());
            user.setEmail(demo.id() + "@collectwise.example");
            user.setPassword(demoPassword);
            identity.saveUser(user); // checks the id pattern and the password policy
            identity.createMembership(demo.id(), demo.group().id());
        }
        assertThat(identity.createUserQuery().memberOfGroup("collectors").list()).extracting("id").contains("chen");
        assertThat(granted("li", ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION,
            "Process_MoveCaseToStage")).isFalse(); // rights come from the group, not the user id
        assertThat(authorizations.isUserAuthorized("li", List.of("supervisors"), Permissions.ACCESS,
            Resources.APPLICATION, "cockpit")).isTrue();
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
}
