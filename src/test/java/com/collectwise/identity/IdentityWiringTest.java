package com.collectwise.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/** The bootstrap runs inside the application: the configured administrator, groups and filters exist. */
@SpringBootTest
@ActiveProfiles("test")
class IdentityWiringTest {

    @Autowired
    IdentityService identity;
    @Autowired
    FilterService filters;
    @Autowired
    RepositoryService repository;
    @Autowired
    ApplicationContext context;
    @Autowired
    TasklistFilterRefresh refresh;

    @Test
    void theConfiguredAdministratorCanLogIn() {
        assertThat(identity.checkPassword("admin", "Test-Ledger-Passw0rd!")).isTrue();
        assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).list()).extracting("id")
            .containsExactly("admin");
    }

    @Test
    void groupsAndFiltersExist() {
        for (CollectwiseGroup group : CollectwiseGroup.values()) {
            assertThat(identity.createGroupQuery().groupId(group.id()).count()).as(group.id()).isEqualTo(1);
        }
        assertThat(filters.createFilterQuery().list()).extracting(Filter::getName)
            .contains("Field visits", "Approvals", "Legal", "Overdue tasks");
    }

    @Test
    void aCollectorAddedLaterGetsTheirOwnCallsTodayFromTheRefresh() {
        var user = identity.newUser("wiringcaller");
        user.setPassword("Wp4!tX8#qL2z-9");
        identity.saveUser(user);
        identity.createMembership("wiringcaller", CollectwiseGroup.COLLECTORS.id());

        refresh.refresh();
        refresh.refresh();

        assertThat(filters.createFilterQuery().filterName("My calls today").filterOwner("wiringcaller").count())
            .isEqualTo(1);
    }

    @Test
    void theFormsAreDeployedAndNoDemoDataOutsideTheDemoProfile() {
        List<String> resources = repository.createDeploymentQuery().list().stream()
            .flatMap(d -> repository.getDeploymentResourceNames(d.getId()).stream()).toList();
        assertThat(resources).anyMatch(name -> name.endsWith("call-customer.form"))
            .anyMatch(name -> name.endsWith("move-case-to-stage.form"));
        assertThat(context.getBeanNamesForType(DemoData.class)).isEmpty();
    }
}
