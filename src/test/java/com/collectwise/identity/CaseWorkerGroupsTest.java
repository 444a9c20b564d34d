package com.collectwise.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.collectwise.customers.CaseWorker;

/**
 * The owner of a customer must be able to see its calls (DOMAIN.md 1): the groups the API accepts as owners are the
 * groups that get "My calls today" and the administrators, and the demo customers are owned by such a user.
 */
class CaseWorkerGroupsTest {

    @Test
    void theOwnersTheApiAcceptsAreTheUsersWhoGetMyCallsTodayAndTheAdministrators() {
        assertThat(CaseWorker.CALLERS).containsExactlyInAnyOrderElementsOf(
            TasklistFilters.CALLERS.stream().map(CollectwiseGroup::id).toList());
        // and the administrators, who may read and work every task
        assertThat(CaseWorker.GROUPS).containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(
            CaseWorker.CALLERS.stream(), java.util.stream.Stream.of(CollectwiseGroup.ADMINS.id())).toList());
    }

    @Test
    void everyDemoCustomerIsOwnedByADemoUserWhoWorksTheCalls() {
        for (DemoData.DemoCustomer customer : DemoData.CUSTOMERS) {
            String owner = customer.toCustomer(Instant.EPOCH).collector();
            assertThat(DemoData.USERS).as(customer.customerId())
                .anySatisfy(u -> {
                    assertThat(u.id()).isEqualTo(owner);
                    assertThat(CaseWorker.GROUPS).contains(u.group().id());
                });
        }
    }
}
