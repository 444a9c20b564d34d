package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import com.collectwise.kernel.BusinessClock;
import com.collectwise.kernel.CaseEngine;
import com.collectwise.kernel.CaseVariables;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * API tests talk to the running application over real HTTP with HTTP Basic, as an ERP would. One
 * Spring context is shared by all API test classes; every test uses its own customer and invoice
 * numbers so that tests do not depend on each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ExpressionTrace.class)
public abstract class ApiTestSupport {

    protected static final String PASSWORD = "Collect-Sec-Passw0rd!9";
    protected static final String INTEGRATION = "apiintegration";
    protected static final String COLLECTOR = "apicollector";
    protected static final String SUPERVISOR = "apisupervisor";
    protected static final String FINANCE = "apifinance";
    protected static final String LEGAL = "apilegal";
    protected static final String FIELD_COLLECTOR = "apifield";
    protected static final String ADMIN = "apiadmin";

    private static final Map<String, String> GROUP_OF = Map.of(INTEGRATION, "integration", COLLECTOR, "collectors",
        SUPERVISOR, "supervisors", FINANCE, "finance", LEGAL, "legal", FIELD_COLLECTOR, "fieldcollectors",
        ADMIN, "camunda-admin");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** Reads numbers as written, so that a test can see "800.00" rather than 800.0. */
    private static final ObjectMapper EXACT = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    /**
     * The real gateway to the engine, spied so that a test can make one case start fail. Declared here so that
     * every API test shares one Spring context: a second context would register a second "default" engine, and
     * the engine REST API of the first would then talk to it.
     */
    @MockitoSpyBean
    protected CaseEngine caseEngine;

    @Autowired
    protected TestRestTemplate rest;
    @Autowired
    protected IdentityService identity;
    @Autowired
    protected RuntimeService runtime;
    @Autowired
    protected ManagementService management;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected BusinessClock clock;
    @Autowired
    private com.collectwise.communication.CommunicationSettings mailSettings;
    @Autowired
    private com.collectwise.communication.QuietHours mailQuietHours;
    @Autowired
    private com.collectwise.communication.DispatchFollowUp mailFollowUp;

    /**
     * What the scheduled mail dispatcher would send by now (the tests have no mail host: an SMTP server that accepts
     * everything). A payment demand's period runs from the day it goes out (DOMAIN.md 5, art. 634).
     */
    protected int dispatchMail() {
        return dispatchMailAndRead().size();
    }

    /** {@link #dispatchMail()}, answering the messages handed to the SMTP server, in the order they were sent. */
    protected List<org.springframework.mail.SimpleMailMessage> dispatchMailAndRead() {
        org.springframework.mail.javamail.JavaMailSender smtp =
            org.mockito.Mockito.mock(org.springframework.mail.javamail.JavaMailSender.class);
        var provider = new org.springframework.beans.factory.support.StaticListableBeanFactory(Map.of("smtp", smtp))
            .getBeanProvider(org.springframework.mail.javamail.JavaMailSender.class);
        new com.collectwise.communication.MailDispatcher(jdbc, provider, mailSettings, mailQuietHours, clock,
            List.of(), mailFollowUp).dispatchPending();
        var sent = org.mockito.ArgumentCaptor.forClass(org.springframework.mail.SimpleMailMessage[].class);
        org.mockito.Mockito.verify(smtp, org.mockito.Mockito.atLeast(0)).send(sent.capture());
        return sent.getAllValues().stream().flatMap(java.util.Arrays::stream).toList();
    }
    @Autowired
    protected ObjectMapper json;

    /** The identity bootstrap is not ours to rely on: create the users and groups the tests need. */
    @BeforeEach
    void usersAndGroups() {
        GROUP_OF.forEach((userId, groupId) -> {
            if (identity.createGroupQuery().groupId(groupId).count() == 0) {
                Group group = identity.newGroup(groupId);
                group.setName(groupId);
                group.setType("WORKFLOW");
                identity.saveGroup(group);
            }
            if (identity.createUserQuery().userId(userId).count() == 0) {
                User user = identity.newUser(userId);
                user.setFirstName("Ada");
                user.setLastName("Lovelace");
                user.setPassword(PASSWORD);
                identity.saveUser(user);
                identity.createMembership(userId, groupId);
            }
        });
    }

    /** A fresh key for customers and invoices: tests share the database. */
    protected static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000_000 + "-" + SEQUENCE.incrementAndGet();
    }

    protected LocalDate today() {
        return clock.today();
    }

    protected Response post(String user, String path, Object body) {
        return exchange(user, HttpMethod.POST, path, body, MediaType.APPLICATION_JSON);
    }

    protected Response postCsv(String user, String path, String csv) {
        return exchange(user, HttpMethod.POST, path, csv, MediaType.parseMediaType("text/csv"));
    }

    protected Response get(String user, String path) {
        return exchange(user, HttpMethod.GET, path, null, null);
    }

    protected Response exchange(String user, HttpMethod method, String path, Object body, MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        if (type != null) {
            headers.setContentType(type);
        }
        TestRestTemplate client = user == null ? rest : rest.withBasicAuth(user, PASSWORD);
        String payload = body == null ? null : body instanceof String s ? s : write(body);
        ResponseEntity<String> response = client.exchange(path, method, new HttpEntity<>(payload, headers),
            String.class);
        return new Response(response, read(response.getBody()));
    }

    /** A customer owned by the test collector. */
    protected String createCustomer() {
        String customerId = unique("C");
        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Acme " + customerId,
            "segment", "DOMESTIC", "country", "CN", "collector", COLLECTOR, "decisionMaker", "Ms. Wang"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return customerId;
    }

    /** A customer as {@link #createCustomer()} with an e-mail address: its notices go out the day they are written. */
    protected String createCustomerWithEmail() {
        String customerId = unique("C");
        Response r = post(INTEGRATION, "/api/customers", Map.of("customerId", customerId, "name", "Acme " + customerId,
            "segment", "DOMESTIC", "country", "CN", "collector", COLLECTOR, "decisionMaker", "Ms. Wang",
            "email", "ap-" + customerId.toLowerCase() + "@example.com"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return customerId;
    }

    /** An invoice of the customer in CNY, due in 30 days (so no interest or late fees distort the figures). */
    protected String createInvoice(String customerId, String amount) {
        return createInvoice(customerId, amount, "CNY", today().minusDays(30), today().plusDays(30));
    }

    protected String createInvoice(String customerId, String amount, String currency, LocalDate issueDate,
                                   LocalDate dueDate) {
        String number = unique("INV");
        Response r = post(INTEGRATION, "/api/invoices", Map.of("invoiceNumber", number, "customerId", customerId,
            "issueDate", issueDate.toString(), "dueDate", dueDate.toString(), "amount", amount, "currency", currency));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return number;
    }

    /**
     * Runs the jobs the case has due now (the job executor is off in tests): asynchronous steps such as
     * closing a settled case run here, as the job executor would run them in production.
     */
    protected void runDueJobsOfCase(String invoiceNumber) {
        for (int round = 0; round < 20; round++) {
            var instance = runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_COLLECTION)
                .processInstanceBusinessKey(invoiceNumber).singleResult();
            var jobs = instance == null ? List.<Job>of()
                : management.createJobQuery().processInstanceId(instance.getId()).executable().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> management.executeJob(job.getId()));
        }
    }

    protected boolean caseRunning(String invoiceNumber) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(CaseVariables.PROCESS_COLLECTION)
            .processInstanceBusinessKey(invoiceNumber).count() > 0;
    }

    protected int count(String sql, Object... params) {
        return jdbc.sql(sql).params(List.of(params)).query(Integer.class).single();
    }

    /**
     * A browser's Tasklist session: the login page's CSRF cookie, the login form, then (as the webapps do)
     * the new session's own CSRF token fetched by the first GET. The headers carry the session cookie, the
     * token cookie and the X-XSRF-TOKEN header, as the browser sends them.
     */
    protected HttpHeaders webappSession(String user) {
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
        HttpHeaders headers = new HttpHeaders();
        for (String cookie : page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
            String pair = cookie.split(";")[0];
            headers.add(HttpHeaders.COOKIE, pair);
            if (pair.startsWith("XSRF-TOKEN=")) {
                headers.add("X-XSRF-TOKEN", pair.substring("XSRF-TOKEN=".length()));
            }
        }
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        String form = "username=" + user + "&password="
            + java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8);
        ResponseEntity<String> login = rest.exchange("/camunda/api/admin/auth/user/default/login/tasklist",
            HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
        assertThat(login.getStatusCode().value()).as(login.getBody()).isEqualTo(200);
        String session = setCookie(login, "JSESSIONID=");
        HttpHeaders sessionOnly = new HttpHeaders();
        sessionOnly.add(HttpHeaders.COOKIE, session);
        ResponseEntity<String> first = rest.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET,
            new HttpEntity<>(sessionOnly), String.class);
        String token = setCookie(first, "XSRF-TOKEN=");
        HttpHeaders browser = new HttpHeaders();
        browser.add(HttpHeaders.COOKIE, session + "; " + token);
        browser.add("X-XSRF-TOKEN", token.substring("XSRF-TOKEN=".length()));
        return browser;
    }

    /** A call of the webapps' engine API ({@code /camunda/api/engine/engine/default} + path) in a session. */
    protected Response webapp(HttpHeaders session, HttpMethod method, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(session);
        if (json != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        ResponseEntity<String> response = rest.exchange(java.net.URI.create(rest.getRootUri()
                + "/camunda/api/engine/engine/default" + path), method, new HttpEntity<>(json, headers), String.class);
        return new Response(response, read(response.getBody()));
    }

    /** A call of the engine REST API ({@code /engine-rest} + path) with HTTP Basic. */
    protected Response callEngineRest(String user, HttpMethod method, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        if (json != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        ResponseEntity<String> response = rest.withBasicAuth(user, PASSWORD).exchange(java.net.URI.create(
            rest.getRootUri() + "/engine-rest" + path), method, new HttpEntity<>(json, headers), String.class);
        return new Response(response, read(response.getBody()));
    }

    private static String setCookie(ResponseEntity<String> response, String prefix) {
        return response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith(prefix))
            .findFirst().orElseThrow(() -> new AssertionError("no cookie " + prefix + " in "
                + response.getHeaders().get(HttpHeaders.SET_COOKIE))).split(";")[0];
    }

    /** An RFC 7807 answer with the given status. */
    protected static void assertProblem(Response r, int status) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.headers().getContentType()).isNotNull();
        assertThat(r.headers().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).as(r.raw())
            .isTrue();
        assertThat(r.body().path("status").asInt()).isEqualTo(status);
    }

    /** The field names listed in a problem's {@code errors}. */
    protected static List<String> errorFields(Response r) {
        return r.body().path("errors").findValuesAsText("field");
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? json.nullNode() : EXACT.readTree(body);
        } catch (Exception e) {
            return json.nullNode();
        }
    }

    protected record Response(ResponseEntity<String> entity, JsonNode body) {

        int status() {
            return entity.getStatusCode().value();
        }

        HttpHeaders headers() {
            return entity.getHeaders();
        }

        String raw() {
            return entity.getStatusCode() + " " + entity.getBody();
        }
    }
}
