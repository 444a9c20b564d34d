package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CustomerApiTest extends ApiTestSupport {

    @Test
    void registersACustomerWithLocation() {
        String customerId = unique("C");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("name", "Shenzhen Widgets Ltd.");
        body.put("segment", "KEY_ACCOUNT");
        body.put("country", "CN");
        body.put("email", "ap@widgets.example");
        body.put("phone", "+86 755 1234 5678");
        body.put("collector", COLLECTOR);
        body.put("decisionMaker", "Mr. Li");
        body.put("someFieldTheErpAlwaysSends", "ignored");

        Response r = post(SUPERVISOR, "/api/customers", body);

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.headers().getLocation()).hasPath("/api/customers/" + customerId);
        assertThat(r.body().path("customerId").asText()).isEqualTo(customerId);
        assertThat(r.body().path("segment").asText()).isEqualTo("KEY_ACCOUNT");
        assertThat(count("SELECT COUNT(*) FROM customers WHERE customer_id = ?", customerId)).isEqualTo(1);
    }

    @Test
    void segmentDefaultsToDomestic() {
        String customerId = unique("C");

        Response r = post(INTEGRATION, "/api/customers",
            Map.of("customerId", customerId, "name", "Small Shop", "collector", COLLECTOR));

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("segment").asText()).isEqualTo("DOMESTIC");
    }

    @Test
    void languageDefaultsFromTheCountryAndIsShownOnTheCustomerFile() {
        String chinese = unique("C");
        String hongKong = unique("C");
        String german = unique("C");
        String domestic = unique("C");
        post(INTEGRATION, "/api/customers", Map.of("customerId", chinese, "name", "华东机械有限公司", "country", "CN",
            "collector", COLLECTOR));
        post(INTEGRATION, "/api/customers", Map.of("customerId", hongKong, "name", "Kowloon Traders", "country", "HK",
            "collector", COLLECTOR));
        Response de = post(INTEGRATION, "/api/customers", Map.of("customerId", german, "name", "Hamburg GmbH",
            "country", "DE", "collector", COLLECTOR));
        post(INTEGRATION, "/api/customers", Map.of("customerId", domestic, "name", "No Country", "collector", COLLECTOR));

        assertThat(de.body().path("language").asText()).isEqualTo("en");
        assertThat(get(COLLECTOR, "/api/customers/" + chinese).body().path("language").asText()).isEqualTo("zh");
        assertThat(get(COLLECTOR, "/api/customers/" + hongKong).body().path("language").asText()).isEqualTo("zh");
        assertThat(get(COLLECTOR, "/api/customers/" + german).body().path("language").asText()).isEqualTo("en");
        // no country: a domestic customer of the home jurisdiction (CN)
        assertThat(get(COLLECTOR, "/api/customers/" + domestic).body().path("language").asText()).isEqualTo("zh");
    }

    @Test
    void anExplicitLanguageOverridesTheCountry() {
        String customerId = unique("C");

        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Expat Ltd",
            "country", "CN", "language", "en", "collector", COLLECTOR));

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("language").asText()).isEqualTo("en");
        assertThat(get(FINANCE, "/api/customers/" + customerId).body().path("language").asText()).isEqualTo("en");
    }

    @Test
    void anUnknownLanguageIsAFieldError() {
        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", unique("C"), "name", "X",
            "language", "fr", "collector", COLLECTOR));

        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactly("language");
    }

    @Test
    void secondRegistrationOfTheSameIdIsAConflict() {
        String customerId = createCustomer();

        Response r = post(INTEGRATION, "/api/customers",
            Map.of("customerId", customerId, "name", "Again", "collector", COLLECTOR));

        assertProblem(r, 409);
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", "has space", "segment", "GOVERNMENT",
            "country", "China", "email", "not-an-address", "collector", "no-such-user"));

        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactlyInAnyOrder("customerId", "name", "segment", "country", "email",
            "collector");
        assertThat(count("SELECT COUNT(*) FROM customers WHERE customer_id = 'has space'")).isZero();
    }

    @Test
    void collectorMustBeAKnownUser() {
        Response r = post(INTEGRATION, "/api/customers",
            Map.of("customerId", unique("C"), "name", "Acme", "collector", "nobodyhere"));

        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactly("collector");
    }

    /**
     * DOMAIN.md 1: the owner is the default assignee of the customer's calls, so it must be someone who sees them in
     * Tasklist ("My calls today" exists for collectors and supervisors; administrators read every task). A finance
     * user, an integration client, a legal user or a field collector as owner: 400 on collector, naming the user's
     * group, and no customer; a collector, a supervisor, an administrator or a field collector who is also a
     * collector: 201.
     */
    @Test
    void collectorMustWorkTheCalls() {
        for (String user : java.util.List.of(FINANCE, INTEGRATION, LEGAL, FIELD_COLLECTOR)) {
            String customerId = unique("C");
            Response r = post(INTEGRATION, "/api/customers",
                Map.of("customerId", customerId, "name", "Acme", "collector", user));

            assertProblem(r, 400);
            assertThat(errorFields(r)).as(user).containsExactly("collector");
            assertThat(r.body().path("errors").get(0).path("message").asText()).as(user)
                .contains("not in a group that works the calls");
            assertThat(count("SELECT COUNT(*) FROM customers WHERE customer_id = ?", customerId)).isZero();
        }
        assertThat(post(INTEGRATION, "/api/customers", Map.of("customerId", unique("C"), "name", "Acme",
            "collector", FINANCE)).body().path("errors").get(0).path("message").asText()).startsWith("is in finance,");

        String both = "fieldcol" + unique("B").replaceAll("[^A-Za-z0-9]", "");
        org.camunda.bpm.engine.identity.User user = identity.newUser(both);
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        identity.createMembership(both, "fieldcollectors");
        identity.createMembership(both, "collectors");
        for (String owner : java.util.List.of(COLLECTOR, SUPERVISOR, ADMIN, both)) {
            Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", unique("C"), "name", "Acme",
                "collector", owner));
            assertThat(r.status()).as(owner + ": " + r.raw()).isEqualTo(201);
        }
    }

    @Test
    void malformedJsonIsABadRequest() {
        Response r = post(INTEGRATION, "/api/customers", "{\"customerId\": ");

        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactly("body");
    }
}
