package com.collectwise.security;

import java.io.IOException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Closes the Admin app's first-run setup for good (CVE-2026-77226). Camunda opens it to anonymous
 * callers while the group {@code camunda-admin} has no direct member, although the installation may be
 * administered by another group (or, after a move to Operaton, by {@code operaton-admin}). Collectwise
 * never needs it: its own bootstrap creates the first administrator before the webapps accept anybody
 * and puts a direct member back into {@code camunda-admin} at every start (identity/FirstAdministrator).
 * So the setup is refused always, for every caller and whatever the CSRF token: the REST resource that
 * creates the user answers 403, the setup page (where the Admin app sends a visitor while it believes
 * nobody is administrator) answers 404.
 */
@Configuration
public class AdminSetupLock {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> adminSetupLockFilter(
        @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
        String prefix = "/" + webappPath.replaceAll("^/+|/+$", "");
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Lock());
        registration.setName("adminSetupLock");
        // the resource of every engine (/setup/{engine}/user/create) and the page of every engine
        registration.addUrlPatterns(prefix + "/api/admin/setup/*", prefix + "/app/admin/*");
        // before Camunda's filters: its template filter would otherwise serve or redirect to the page
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    static final class Lock extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws jakarta.servlet.ServletException, IOException {
            String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
            if (path.contains("/api/admin/setup/")) {
                EngineExpressionGuard.ProblemWriter.write(request, response, HttpStatus.FORBIDDEN, "Forbidden",
                    "The first-run setup is closed: Collectwise creates its administrator at start"
                        + " (collectwise.admin.*); add further administrators in Admin", null);
                return;
            }
            // /camunda/app/admin/{engine}/setup/ (and anything below it)
            if (path.matches(".*/app/admin/[^/]+/setup(/.*)?")) {
                EngineExpressionGuard.ProblemWriter.write(request, response, HttpStatus.NOT_FOUND, "Not found",
                    "There is no setup page: the administrator is created at start", null);
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
