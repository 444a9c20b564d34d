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

    @Test
    void malformedJsonIsABadRequest() {
        Response r = post(INTEGRATION, "/api/customers", "{\"customerId\": ");

        assertProblem(r, 400);
        assertThat(errorFields(r)).containsExactly("body");
    }
}
