package com.collectwise.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Six filter chains, one per kind of client:
 * <ol>
 * <li>{@code /engine-rest/**}: passed to Camunda's own authentication filter
 * ({@link EngineRestAuthentication}); Camunda's authorizations then decide what the user sees.</li>
 * <li>{@code /camunda/**}: the webapps have their own login, session and CSRF protection; Spring
 * Security stays out of their way.</li>
 * <li>{@code /api/**}: stateless HTTP Basic against the Camunda users, access by Camunda group.</li>
 * <li>{@code /actuator/**}: the health probes are open, Prometheus metrics need HTTP Basic.</li>
 * <li>{@code /dashboard/**}: the finance dashboard, HTTP Basic for finance and supervisors.</li>
 * <li>everything else: only the redirect to the webapps; the rest is denied.</li>
 * </ol>
 * Matchers are path patterns, not MVC matchers: the Jersey servlet of the engine REST API sits next
 * to Spring's dispatcher servlet.
 */
@Configuration
public class SecurityConfig {

    static final String COLLECTORS = "collectors";
    static final String FIELD_COLLECTORS = "fieldcollectors";
    static final String SUPERVISORS = "supervisors";
    static final String FINANCE = "finance";
    static final String LEGAL = "legal";
    static final String INTEGRATION = "integration";
    /** Camunda's administrator group may do everything. */
    static final String ADMIN = "camunda-admin";
    static final String[] EVERY_GROUP =
        {COLLECTORS, FIELD_COLLECTORS, SUPERVISORS, FINANCE, LEGAL, INTEGRATION, ADMIN};

    @Bean
    @Order(1)
    SecurityFilterChain engineRestChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(path("/engine-rest/**"))
            .authorizeHttpRequests(a -> a.anyRequest().permitAll())
            .csrf(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .build();
    }

    /** A URL the firewall refuses is a 400 problem (Spring Security's default sends an error page). */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler rejectedRequests(ProblemResponses problems) {
        return problems::rejected;
    }

    @Bean
    @Order(2)
    SecurityFilterChain webappChain(HttpSecurity http) throws Exception {
        // Camunda's webapp filters set their own security headers and check their own CSRF token.
        return http.securityMatcher(path("/camunda/**"))
            .authorizeHttpRequests(a -> a.anyRequest().permitAll())
            .csrf(AbstractHttpConfigurer::disable)
            .headers(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain apiChain(HttpSecurity http, ProblemResponses problems,
                                 @Qualifier("requestMappingHandlerMapping")
                                 ObjectProvider<RequestMappingHandlerMapping> handlers) throws Exception {
        http.securityMatcher(path("/api/**"))
            .authorizeHttpRequests(a -> a
                .requestMatchers(path(POST, "/api/customers")).hasAnyAuthority(INTEGRATION, SUPERVISORS, ADMIN)
                .requestMatchers(path(GET, "/api/customers/*"))
                .hasAnyAuthority(INTEGRATION, COLLECTORS, SUPERVISORS, FINANCE, ADMIN)
                .requestMatchers(path(GET, "/api/customers/*/credit-status"))
                .hasAnyAuthority(INTEGRATION, FINANCE, SUPERVISORS, ADMIN)
                .requestMatchers(path(PATCH, "/api/customers/*")).hasAnyAuthority(INTEGRATION, SUPERVISORS, ADMIN)
                .requestMatchers(path(GET, "/api/customers/*/statement"), path(GET, "/api/customers/*/statement/**"))
                .hasAnyAuthority(INTEGRATION, COLLECTORS, SUPERVISORS, FINANCE, ADMIN)
                // sent on request: the collector whose customer says "no statement received" (推)
                .requestMatchers(path(POST, "/api/customers/*/statement/sendings"))
                .hasAnyAuthority(INTEGRATION, COLLECTORS, SUPERVISORS, FINANCE, ADMIN)
                .requestMatchers(path(POST, "/api/customers/*/statement/confirmations"))
                .hasAnyAuthority(INTEGRATION, COLLECTORS, ADMIN)
                .requestMatchers(path(POST, "/api/invoices"), path(POST, "/api/invoices/import"))
                .hasAnyAuthority(INTEGRATION, ADMIN)
                .requestMatchers(path(GET, "/api/invoices/imports/*"))
                .hasAnyAuthority(INTEGRATION, FINANCE, SUPERVISORS, ADMIN)
                .requestMatchers(path(POST, "/api/invoices/*/promises"), path(POST, "/api/invoices/*/agreements"),
                    path(POST, "/api/invoices/*/disputes"))
                .hasAnyAuthority(INTEGRATION, COLLECTORS, SUPERVISORS, ADMIN)
                .requestMatchers(path(GET, "/api/invoices/*/contacts"), path(GET, "/api/invoices/*/messages"),
                    path(GET, "/api/invoices/*/documents"),
                    path(GET, "/api/invoices/*/documents/*"))
                .hasAnyAuthority(COLLECTORS, SUPERVISORS, LEGAL, ADMIN)
                .requestMatchers(path(POST, "/api/invoices/*/documents/*/delivery"))
                .hasAnyAuthority(INTEGRATION, SUPERVISORS, LEGAL, ADMIN)
                .requestMatchers(path(GET, "/api/invoices/*")).hasAnyAuthority(EVERY_GROUP)
                .requestMatchers(path(POST, "/api/payments")).hasAnyAuthority(INTEGRATION, FINANCE, ADMIN)
                .requestMatchers(path(POST, "/api/payments/*/reversal"), path(POST, "/api/invoices/*/credit-notes"))
                .hasAnyAuthority(INTEGRATION, FINANCE, ADMIN)
                .requestMatchers(path(POST, "/api/agency/reports")).hasAnyAuthority(INTEGRATION, ADMIN)
                .requestMatchers(path(POST, "/api/invoices/*/agency/recall")).hasAnyAuthority(SUPERVISORS, ADMIN)
                .requestMatchers(path(GET, "/api/reports/**")).hasAnyAuthority(FINANCE, SUPERVISORS, ADMIN)
                .requestMatchers(path(GET, "/api/rates/**")).hasAnyAuthority(FINANCE, SUPERVISORS, ADMIN)
                .requestMatchers(path(POST, "/api/rates/**"), path(PUT, "/api/rates/**"))
                .hasAnyAuthority(FINANCE, ADMIN)
                // the working calendar (issue 17): everyone reads it, supervisors and finance load the years
                .requestMatchers(path(GET, "/api/calendar/*")).hasAnyAuthority(EVERY_GROUP)
                .requestMatchers(path(PUT, "/api/calendar/*")).hasAnyAuthority(SUPERVISORS, FINANCE, ADMIN)
                // process versions and the migration of running cases: supervisors own the models
                .requestMatchers(path(GET, "/api/process-versions"), path(GET, "/api/process-versions/**"),
                    path(POST, "/api/process-versions/migrations"))
                .hasAnyAuthority(SUPERVISORS, ADMIN)
                // the OpenAPI description and Swagger UI, for everyone who may call the API
                .requestMatchers(path(GET, "/api/openapi"), path(GET, "/api/openapi/**"), path(GET, "/api/docs"),
                    path(GET, "/api/docs/**"), path(GET, "/api/swagger-ui/**"), path(GET, "/api/swagger-ui.html"))
                .hasAnyAuthority(EVERY_GROUP)
                // anything not in the table above is for administrators only; a method an endpoint does not take
                // is a 405 for every signed-in user
                .anyRequest().access(new MethodNotAllowed(ADMIN, handlers::getIfAvailable)));
        return statelessBasic(http, problems).build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain actuatorChain(HttpSecurity http, ProblemResponses problems) throws Exception {
        http.securityMatcher(path("/actuator/**"))
            .authorizeHttpRequests(a -> a
                .requestMatchers(path(GET, "/actuator/health"), path(GET, "/actuator/health/**")).permitAll()
                // metrics describe the business (cases per stage, backlog): for the scraper's machine user
                .requestMatchers(path(GET, "/actuator/prometheus")).hasAnyAuthority(INTEGRATION, ADMIN)
                .anyRequest().denyAll());
        return statelessBasic(http, problems).build();
    }

    /**
     * The finance dashboard: a static page and its data, behind the same HTTP Basic login as the API (the
     * browser asks once and sends the credentials with the page's data requests below /dashboard/).
     */
    @Bean
    @Order(5)
    SecurityFilterChain dashboardChain(HttpSecurity http, ProblemResponses problems) throws Exception {
        http.securityMatcher(path("/dashboard/**"))
            .authorizeHttpRequests(a -> a
                .requestMatchers(path(GET, "/dashboard/**"))
                .hasAnyAuthority(FINANCE, SUPERVISORS, ADMIN)
                .anyRequest().denyAll());
        return statelessBasic(http, problems).build();
    }

    @Bean
    @Order(6)
    SecurityFilterChain defaultChain(HttpSecurity http, ProblemResponses problems) throws Exception {
        return http
            .authorizeHttpRequests(a -> a
                // the redirect to the webapps, and error pages
                .requestMatchers(path(GET, "/"), path("/error")).permitAll()
                .anyRequest().denyAll())
            .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) ->
                problems.handle(request, response, null)).accessDeniedHandler(problems))
            .csrf(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .build();
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    /**
     * HTTP Basic for machine clients and the dashboard: credentials with every call, no session, so no CSRF
     * token to steal; 401 and 403 as problem+json.
     */
    private static HttpSecurity statelessBasic(HttpSecurity http, ProblemResponses problems) throws Exception {
        return http
            .httpBasic(b -> b.realmName(ProblemResponses.REALM).authenticationEntryPoint(problems))
            .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
            .csrf(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }
}
