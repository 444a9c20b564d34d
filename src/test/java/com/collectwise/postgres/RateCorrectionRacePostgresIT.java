package com.collectwise.postgres;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import com.collectwise.api.RateCorrectionRaceApiTest;

/**
 * Rates entered twice at the same moment on a real PostgreSQL: the lost insert fails on the unique entry number, and
 * only its savepoint is rolled back, so the request can still read the winner's row and answer 200 or 409.
 */
@ActiveProfiles({"test", "postgres"})
class RateCorrectionRacePostgresIT extends RateCorrectionRaceApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgres.jdbcUrl("rate_race_it"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        registry.add("camunda.bpm.database.schema-update", () -> "true");
    }
}
