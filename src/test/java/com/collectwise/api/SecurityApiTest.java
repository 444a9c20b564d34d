package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

class SecurityApiTest extends ApiTestSupport {

    @Test
    void anonymousCallerIsChallengedWithAProblem() {
        Response r = get(null, "/api/invoices/ANY-1");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic realm=");
        assertThat(r.headers().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(r.body().path("status").asInt()).isEqualTo(401);
    }

    @Test
    void wrongPasswordIsUnauthorized() {
        var response = rest.withBasicAuth(INTEGRATION, "not-the-password").getForEntity("/api/invoices/ANY-1",
            String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void userOfAnotherGroupIsForbiddenWithAProblem() {
        Response r = post(COLLECTOR, "/api/invoices", Map.of("invoiceNumber", "X-1"));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.headers().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(r.body().path("title").asText()).isEqualTo("Forbidden");
    }

    @Test
    void groupTableDecidesWhoMayCallWhat() {
        assertThat(post(FINANCE, "/api/customers", Map.of()).status()).isEqualTo(403);
        assertThat(post(SUPERVISOR, "/api/customers", Map.of()).status()).isEqualTo(400);
        assertThat(post(COLLECTOR, "/api/payments", Map.of()).status()).isEqualTo(403);
        assertThat(post(FINANCE, "/api/payments", Map.of()).status()).isEqualTo(400);
        assertThat(post(FINANCE, "/api/agency/reports", Map.of()).status()).isEqualTo(403);
        assertThat(get(COLLECTOR, "/api/customers/ANY/credit-status").status()).isEqualTo(403);
        assertThat(get(FINANCE, "/api/invoices/ANY-1/contacts").status()).isEqualTo(403);
        assertThat(get(INTEGRATION, "/api/reports/aging").status()).isEqualTo(403);
        assertThat(exchange(SUPERVISOR, HttpMethod.POST, "/api/rates/x", "{}", MediaType.APPLICATION_JSON).status())
            .isEqualTo(403);
        // every group may read a case (404: the invoice does not exist, but access was granted)
        for (String user : new String[] {INTEGRATION, COLLECTOR, SUPERVISOR, FINANCE, LEGAL, FIELD_COLLECTOR, ADMIN}) {
            assertThat(get(user, "/api/invoices/NO-SUCH-INVOICE").status()).as(user).isEqualTo(404);
        }
        // administrators may do everything
        assertThat(post(ADMIN, "/api/invoices", Map.of()).status()).isEqualTo(400);
        assertThat(get(ADMIN, "/api/invoices/NO-SUCH-INVOICE/contacts").status()).isEqualTo(404);
    }

    @Test
    void engineRestNeedsAuthentication() {
        var anonymous = rest.getForEntity("/engine-rest/process-definition/count", String.class);
        var authenticated = rest.withBasicAuth(INTEGRATION, PASSWORD)
            .getForEntity("/engine-rest/process-definition/count", String.class);

        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(authenticated.getStatusCode().value()).isEqualTo(200);
        assertThat(authenticated.getBody()).contains("count");
    }

    @Test
    void healthIsOpenAndTheRestIsClosed() {
        // open to anyone (its status may be DOWN in tests: no mail server is configured here)
        var health = rest.getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode().value()).isIn(200, 503);
        assertThat(health.getBody()).contains("\"status\"");
        assertThat(rest.getForEntity("/actuator/env", String.class).getStatusCode().value()).isIn(401, 403);
        assertThat(rest.getForEntity("/something-else", String.class).getStatusCode().value()).isIn(401, 403);
    }

    @Test
    void metricsAndApiDocsNeedAUser() {
        for (String path : new String[] {"/actuator/prometheus", "/api/openapi", "/api/docs"}) {
            assertThat(rest.getForEntity(path, String.class).getStatusCode().value()).as(path).isEqualTo(401);
        }
        // access granted (404 where this build does not expose the endpoint)
        assertThat(rest.withBasicAuth(INTEGRATION, PASSWORD).getForEntity("/actuator/prometheus", String.class)
            .getStatusCode().value()).isIn(200, 404);
        assertThat(rest.withBasicAuth(COLLECTOR, PASSWORD).getForEntity("/api/openapi", String.class)
            .getStatusCode().value()).isIn(200, 404);
        assertThat(rest.withBasicAuth(COLLECTOR, PASSWORD).getForEntity("/actuator/prometheus", String.class)
            .getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void rootRedirectsToTheWebapps() {
        var response = rest.getForEntity("/", String.class);

        // TestRestTemplate does not follow redirects by default with the JDK client; accept either
        assertThat(response.getStatusCode().value()).isIn(200, 302);
        if (response.getStatusCode().value() == 302) {
            assertThat(response.getHeaders().getLocation().getPath()).isEqualTo("/camunda/app/");
        }
    }

    @Test
    void webappsAreLeftToTheirOwnLogin() {
        var response = rest.getForEntity("/camunda/app/welcome/default/", String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void webappLoginWorksWithCamundasOwnCsrfProtection() {
        var page = rest.getForEntity("/camunda/app/welcome/default/", String.class);
        List<String> cookies = page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
        String xsrf = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow()
            .split(";")[0].substring("XSRF-TOKEN=".length());
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add("X-XSRF-TOKEN", xsrf);
        cookies.forEach(c -> headers.add(HttpHeaders.COOKIE, c.split(";")[0]));
        String form = "username=" + COLLECTOR + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);

        var login = rest.exchange("/camunda/api/admin/auth/user/default/login/welcome", HttpMethod.POST,
            new HttpEntity<>(form, headers), String.class);

        assertThat(login.getStatusCode().value()).as(login.getBody()).isEqualTo(200);
        assertThat(login.getBody()).contains(COLLECTOR);
    }
}
