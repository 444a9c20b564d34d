package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.collectwise.kernel.CaseVariables;

/**
 * The security settings of issue 8, checked on the running application: each one either as the behaviour
 * an attacker would meet, or, where that needs a setup we do not have (TLS), as the effective setting.
 */
class SecurityHardeningTest extends ApiTestSupport {

    @Autowired
    ProcessEngine engine;
    @Autowired
    HistoryService history;
    @Autowired
    Environment environment;

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    /** A password that breaks the policy is a 400 naming the rules, not the engine's 500; nothing is created. */
    @Test
    void aWeakPasswordIsABadRequestNamingTheRule() {
        String id = "pw" + System.nanoTime() % 1_000_000;
        Response withId = callEngineRest(ADMIN, HttpMethod.POST, "/user/create", """
            {"profile": {"id": "%s", "firstName": "Wei", "lastName": "Zhang"},
             "credentials": {"password": "Xy-%s-2026!"}}""".formatted(id, id));
        assertThat(withId.status()).as(withId.raw()).isEqualTo(400);
        assertThat(withId.raw()).contains("credentials.password").contains("PASSWORD_POLICY_USER_DATA");
        Response tooShort = callEngineRest(ADMIN, HttpMethod.POST, "/user/create", """
            {"profile": {"id": "%s", "firstName": "Wei", "lastName": "Zhang"}, "credentials": {"password": "aB1!"}}"""
            .formatted(id));
        assertThat(tooShort.status()).as(tooShort.raw()).isEqualTo(400);
        assertThat(tooShort.raw()).contains("PASSWORD_POLICY_LENGTH");
        assertThat(identity.createUserQuery().userId(id).count()).isZero();

        Response good = callEngineRest(ADMIN, HttpMethod.POST, "/user/create", """
            {"profile": {"id": "%s", "firstName": "Wei", "lastName": "Zhang"},
             "credentials": {"password": "Collect-Sec-Passw0rd!7"}}""".formatted(id));
        assertThat(good.status()).as(good.raw()).isEqualTo(204);
        Response weakChange = callEngineRest(ADMIN, HttpMethod.PUT, "/user/" + id + "/credentials", """
            {"password": "short", "authenticatedUserPassword": "%s"}""".formatted(PASSWORD));
        assertThat(weakChange.status()).as(weakChange.raw()).isEqualTo(400);
        assertThat(weakChange.raw()).contains("\"field\":\"password\"");
        identity.deleteUser(id);
    }

    @Test
    void engineSettingsAreTheHardenedOnes() {
        ProcessEngineConfigurationImpl c = configuration();
        assertThat(c.isAuthorizationEnabled()).isTrue();
        assertThat(c.isJavaSerializationFormatEnabled()).isFalse();
        assertThat(c.isDeserializationTypeValidationEnabled()).isTrue();
        assertThat(c.isEnableExpressionsInAdhocQueries()).isFalse();
        // CVE-2026-109432: no expressions in stored queries either (the Tasklist filters hold plain values)
        assertThat(c.isEnableExpressionsInStoredQueries()).isFalse();
        assertThat(c.isConfigureScriptEngineHostAccess()).isFalse();
        assertThat(c.isEnableScriptEngineLoadExternalResources()).isFalse();
        assertThat(c.isEnablePasswordPolicy()).isTrue();
        assertThat(c.getQueryMaxResultsLimit()).isEqualTo(2000);
        assertThat(c.isEnforceHistoryTimeToLive()).isTrue();
        assertThat(c.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        assertThat(c.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    }

    /** docs/security.md: the Tomcat CVEs of 10.1.55 (Spring Boot 3.5.16's) are closed by 10.1.62 or later. */
    @Test
    void theServletContainerIsTheOneWithTheTomcatFixes() {
        String[] version = org.apache.catalina.util.ServerInfo.getServerNumber().split("\\.");

        assertThat(Integer.parseInt(version[0])).isEqualTo(10);
        assertThat(Integer.parseInt(version[1])).isEqualTo(1);
        assertThat(Integer.parseInt(version[2])).isGreaterThanOrEqualTo(62);
    }

    @Test
    void historyCleanupIsScheduledAtStart() {
        List<Job> cleanup = history.findHistoryCleanupJobs();

        assertThat(cleanup).isNotEmpty();
        assertThat(cleanup).allSatisfy(job -> assertThat(job.getDuedate()).isNotNull());
    }

    @Test
    void cookieFlagsAreSetAndSecureIsASwitchForTls() {
        assertThat(environment.getProperty("server.servlet.session.cookie.http-only")).isEqualTo("true");
        assertThat(environment.getProperty("server.servlet.session.cookie.same-site")).isEqualTo("lax");
        // off on plain HTTP (tests, local runs); COLLECTWISE_SECURE_COOKIES=true behind TLS
        assertThat(environment.getProperty("server.servlet.session.cookie.secure")).isEqualTo("false");
        assertThat(environment.getProperty("camunda.bpm.webapp.csrf.enable-secure-cookie")).isEqualTo("false");

        var page = rest.getForEntity("/camunda/app/welcome/default/", String.class);
        String csrfCookie = cookie(page, "XSRF-TOKEN=");
        assertThat(csrfCookie).containsIgnoringCase("SameSite=Strict");

        ResponseEntity<String> login = login(COLLECTOR, PASSWORD);
        assertThat(login.getStatusCode().value()).isEqualTo(200);
        String session = cookie(login, "JSESSIONID=");
        assertThat(session).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        assertThat(session.toLowerCase().split("samesite", -1)).as("SameSite once").hasSize(2);
    }

    @Test
    void adminSetupIsRefusedOnceAnAdministratorExists() {
        assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").count()).isPositive();

        var response = anonymousSetup(anonymousBrowser(), "setupintruder");

        assertProblem(problem(response), 403);
        assertThat(identity.createUserQuery().userId("setupintruder").count()).isZero();
    }

    /**
     * CVE-2026-77226: Camunda opens the setup while {@code camunda-admin} has no direct member, even when
     * another group administers the installation. Collectwise refuses it whatever the groups look like.
     */
    @Test
    void adminSetupIsRefusedWhenAnotherGroupAdministersAndCamundaAdminIsEmpty() {
        List<String> admins = identity.createUserQuery().memberOfGroup("camunda-admin").list().stream()
            .map(org.camunda.bpm.engine.identity.User::getId).toList();
        String group = unique("itadmins").replace("-", "");
        var itAdmins = identity.newGroup(group);
        itAdmins.setName("IT administrators");
        identity.saveGroup(itAdmins);
        List<String> grants = new ArrayList<>();
        for (org.camunda.bpm.engine.authorization.Resources resource
            : org.camunda.bpm.engine.authorization.Resources.values()) {
            var grant = engine.getAuthorizationService().createNewAuthorization(
                org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
            grant.setGroupId(group);
            grant.setResource(resource);
            grant.setResourceId("*");
            grant.addPermission(org.camunda.bpm.engine.authorization.Permissions.ALL);
            grants.add(engine.getAuthorizationService().saveAuthorization(grant).getId());
        }
        identity.createMembership(ADMIN, group);
        // the browser's page and CSRF token, fetched while the webapps still serve pages (with camunda-admin
        // empty, Camunda sends every page to the setup)
        HttpHeaders browser = anonymousBrowser();
        admins.forEach(user -> identity.deleteMembership(user, "camunda-admin"));
        try {
            assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").count()).isZero();
            // the administrator is one all the same, by the other group
            assertThat(engine.getAuthorizationService().isUserAuthorized(ADMIN, List.of(group),
                org.camunda.bpm.engine.authorization.Permissions.ACCESS,
                org.camunda.bpm.engine.authorization.Resources.APPLICATION, "admin")).isTrue();

            var response = anonymousSetup(browser, "setupintruder2");
            var page = rest.getForEntity("/camunda/app/admin/default/setup/", String.class);

            assertProblem(problem(response), 403);
            assertThat(identity.createUserQuery().userId("setupintruder2").count()).isZero();
            assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").count()).isZero();
            assertThat(page.getStatusCode().value()).isEqualTo(404);
        } finally {
            admins.forEach(user -> identity.createMembership(user, "camunda-admin"));
            identity.deleteMembership(ADMIN, group);
            grants.forEach(id -> engine.getAuthorizationService().deleteAuthorization(id));
            identity.deleteGroup(group);
        }
    }

    /** An anonymous browser's session cookie and valid CSRF token, from the welcome page. */
    private HttpHeaders anonymousBrowser() {
        var page = rest.getForEntity("/camunda/app/welcome/default/", String.class);
        HttpHeaders headers = webappHeaders(page);
        assertThat(headers.getFirst("X-XSRF-TOKEN")).isNotBlank();
        return headers;
    }

    private Response problem(ResponseEntity<String> response) {
        try {
            return new Response(response, json.readTree(response.getBody()));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    /** The setup call as an anonymous browser makes it, with a valid CSRF token of its own session. */
    private ResponseEntity<String> anonymousSetup(HttpHeaders browser, String intruder) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(browser);
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = """
            {"profile": {"id": "%s", "firstName": "Eve", "lastName": "Intruder", "email": "eve@example.com"},
             "credentials": {"password": "Intruder-Passw0rd!9x"}}""".formatted(intruder);
        return rest.exchange("/camunda/api/admin/setup/default/user/create", HttpMethod.POST,
            new HttpEntity<>(body, headers), String.class);
    }

    @Test
    void aJavaSerializedVariableIsRefusedByTheEngineRestApi() {
        String number = createInvoice(createCustomer(), "500.00");
        String instanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number)
            .processDefinitionKey(CaseVariables.PROCESS_COLLECTION).singleResult().getId();
        // an ArrayList serialized by ObjectOutputStream: harmless here, a gadget chain in an attack
        String body = """
            {"value": "rO0ABXNyABNqYXZhLnV0aWwuQXJyYXlMaXN0eIHSHZnHYZ0DAAFJAARzaXpleHAAAAAAdwQAAAAAeA==",
             "type": "Object",
             "valueInfo": {"objectTypeName": "java.util.ArrayList",
                           "serializationDataFormat": "application/x-java-serialized-object"}}""";
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);

        var response = rest.withBasicAuth(ADMIN, PASSWORD).exchange(
            "/engine-rest/process-instance/" + instanceId + "/variables/payload", HttpMethod.PUT,
            new HttpEntity<>(body, headers), String.class);

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        assertThat(response.getBody()).contains("Java-serialized variables are not accepted");
        assertThat(runtime.getVariable(instanceId, "payload")).isNull();
        // the guard hands every other body on unchanged
        var plain = rest.withBasicAuth(ADMIN, PASSWORD).exchange(
            "/engine-rest/process-instance/" + instanceId + "/variables/note", HttpMethod.PUT,
            new HttpEntity<>("{\"value\": \"checked\", \"type\": \"String\"}", headers), String.class);
        assertThat(plain.getStatusCode().value()).as(plain.getBody()).isEqualTo(204);
        assertThat(runtime.getVariable(instanceId, "note")).isEqualTo("checked");
    }

    @Test
    void aJavaSerializedVariableIsRefusedByTheWebappsEngineApi() {
        String number = createInvoice(createCustomer(), "500.00");
        String instanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number)
            .processDefinitionKey(CaseVariables.PROCESS_COLLECTION).singleResult().getId();
        String body = """
            {"value": "rO0ABXNyABNqYXZhLnV0aWwuQXJyYXlMaXN0eIHSHZnHYZ0DAAFJAARzaXpleHAAAAAAdwQAAAAAeA==",
             "type": "Object",
             "valueInfo": {"objectTypeName": "java.util.ArrayList",
                           "serializationDataFormat": "application/x-java-serialized-object"}}""";
        HttpHeaders session = webappSession(SUPERVISOR);

        Response refused = webapp(session, HttpMethod.PUT, "/process-instance/" + instanceId + "/variables/payload",
            body);
        Response plain = webapp(session, HttpMethod.PUT, "/process-instance/" + instanceId + "/variables/note",
            "{\"value\": \"checked\", \"type\": \"String\"}");

        assertProblem(refused, 400);
        assertThat(refused.body().path("detail").asText()).contains("Java-serialized variables are not accepted");
        assertThat(runtime.getVariable(instanceId, "payload")).isNull();
        assertThat(plain.status()).as(plain.raw()).isEqualTo(204);
        assertThat(runtime.getVariable(instanceId, "note")).isEqualTo("checked");
    }

    @Test
    void expressionsInAdhocQueriesAreRefused() {
        String expression = URLEncoder.encode("${now()}", StandardCharsets.UTF_8);

        var response = rest.withBasicAuth(ADMIN, PASSWORD)
            .getForEntity("/engine-rest/task?maxResults=10&dueBeforeExpression=" + expression, String.class);

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        assertThat(response.getBody()).containsIgnoringCase("expression");
    }

    @Test
    void unboundedQueriesAreCutButPagedOnesWork() {
        var tooMany = rest.withBasicAuth(ADMIN, PASSWORD)
            .getForEntity("/engine-rest/process-instance?firstResult=0&maxResults=5000", String.class);
        var paged = rest.withBasicAuth(ADMIN, PASSWORD)
            .getForEntity("/engine-rest/process-instance?firstResult=0&maxResults=50", String.class);

        assertThat(tooMany.getStatusCode().value()).as(tooMany.getBody()).isEqualTo(400);
        assertThat(tooMany.getBody()).contains("Max results limit");
        assertThat(paged.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void tasklistAndCockpitQueriesStillWorkUnderTheResultLimit() {
        HttpHeaders headers = loggedIn(SUPERVISOR);
        String filterId = engine.getFilterService().createFilterQuery().filterName("Approvals").singleResult().getId();

        // what Tasklist asks for when a filter is opened, and what Cockpit's dashboard asks for
        var tasklist = rest.exchange("/camunda/api/engine/engine/default/filter/" + filterId
                + "/list?firstResult=0&maxResults=15", HttpMethod.POST,
            new HttpEntity<>("{}", withJson(headers)), String.class);
        var cockpit = rest.exchange("/camunda/api/engine/engine/default/process-definition/statistics"
            + "?rootIncidents=true", HttpMethod.GET, new HttpEntity<>(headers), String.class);

        assertThat(tasklist.getStatusCode().value()).as(tasklist.getBody()).isEqualTo(200);
        assertThat(cockpit.getStatusCode().value()).as(cockpit.getBody()).isEqualTo(200);
    }

    @Test
    void theCsrfProtectionOfTheWebappsRefusesAForeignPost() {
        ResponseEntity<String> login = login(SUPERVISOR, PASSWORD);
        HttpHeaders headers = new HttpHeaders();
        login.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith("JSESSIONID="))
            .forEach(c -> headers.add(HttpHeaders.COOKIE, c.split(";")[0]));
        headers.setContentType(MediaType.APPLICATION_JSON);

        // a session cookie alone (what a foreign page could make the browser send) is not enough
        var response = rest.exchange("/camunda/api/engine/engine/default/process-definition/key/"
                + CaseVariables.PROCESS_COLLECTION + "/start", HttpMethod.POST,
            new HttpEntity<>(Map.of("businessKey", "CSRF-1"), headers), String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("CSRF-1").count()).isZero();
    }

    private ResponseEntity<String> login(String user, String password) {
        var page = rest.getForEntity("/camunda/app/welcome/default/", String.class);
        HttpHeaders headers = webappHeaders(page);
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        String form = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        ResponseEntity<String> login = rest.exchange("/camunda/api/admin/auth/user/default/login/welcome",
            HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
        // keep the token of the page for later calls of the same session
        HttpHeaders merged = new HttpHeaders();
        merged.putAll(login.getHeaders());
        List<String> cookies = new ArrayList<>(login.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE));
        page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith("XSRF-TOKEN="))
            .filter(c -> cookies.stream().noneMatch(k -> k.startsWith("XSRF-TOKEN="))).forEach(cookies::add);
        merged.put(HttpHeaders.SET_COOKIE, cookies);
        return new ResponseEntity<>(login.getBody(), merged, login.getStatusCode());
    }

    /**
     * A browser session after login: as the webapps do, the first GET of the new session fetches the
     * session's own CSRF token (the token of the login page belonged to the session before login).
     */
    private HttpHeaders loggedIn(String user) {
        ResponseEntity<String> login = login(user, PASSWORD);
        assertThat(login.getStatusCode().value()).isEqualTo(200);
        HttpHeaders session = new HttpHeaders();
        String sessionCookie = cookie(login, "JSESSIONID=").split(";")[0];
        session.add(HttpHeaders.COOKIE, sessionCookie);
        var app = rest.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET, new HttpEntity<>(session),
            String.class);
        String token = cookie(app, "XSRF-TOKEN=").split(";")[0];
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, sessionCookie + "; " + token);
        headers.add("X-XSRF-TOKEN", token.substring("XSRF-TOKEN=".length()));
        return headers;
    }

    /** Cookies and CSRF token of a webapp page, for the next request of the same browser. */
    private static HttpHeaders webappHeaders(ResponseEntity<String> page) {
        return sessionHeaders(page);
    }

    private static HttpHeaders sessionHeaders(ResponseEntity<String> response) {
        HttpHeaders headers = new HttpHeaders();
        List<String> cookies = response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
        cookies.forEach(c -> headers.add(HttpHeaders.COOKIE, c.split(";")[0]));
        cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst()
            .ifPresent(c -> headers.add("X-XSRF-TOKEN", c.split(";")[0].substring("XSRF-TOKEN=".length())));
        return headers;
    }

    private static HttpHeaders withJson(HttpHeaders headers) {
        HttpHeaders copy = new HttpHeaders();
        copy.putAll(headers);
        copy.setContentType(MediaType.APPLICATION_JSON);
        return copy;
    }

    private static String cookie(ResponseEntity<String> response, String prefix) {
        return response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith(prefix))
            .findFirst().orElseThrow(() -> new AssertionError("no cookie " + prefix + " in "
                + response.getHeaders().get(HttpHeaders.SET_COOKIE)));
    }
}
