package com.collectwise.postgres;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.collectwise.api.MoneyFromOutsideApiTest;

/**
 * The outside checker's money scenarios on a real PostgreSQL: the replay's figures, the rate corrections that settle
 * invoices and mark customers for replay (payment_replays), the collected figures per stage of waiting money.
 */
@ActiveProfiles({"test", "postgres"})
class MoneyFromOutsidePostgresIT extends MoneyFromOutsideApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgres.jdbcUrl("money_from_outside_it"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        registry.add("camunda.bpm.database.schema-update", () -> "true");
    }
}
