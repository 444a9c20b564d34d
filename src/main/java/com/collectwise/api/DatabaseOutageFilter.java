package com.collectwise.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The database also answers the login of every API call (users live in the Camunda identity store),
 * so an outage fails there, before any controller and its {@link ApiExceptionHandler}. This filter
 * sits in front of Spring Security and turns a lost database into the same 503 problem the handler
 * gives: the caller learns to retry, instead of seeing a 500 or a misleading 401.
 */
@Configuration
public class DatabaseOutageFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> apiDatabaseOutageFilter(ObjectMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OutageFilter(json));
        registration.addUrlPatterns("/api/*");
        registration.setName("apiDatabaseOutage");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    static final class OutageFilter extends OncePerRequestFilter {

        private final ObjectMapper json;

        OutageFilter(ObjectMapper json) {
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
            try {
                chain.doFilter(request, response);
            } catch (ServletException | IOException | RuntimeException e) {
                if (!ApiExceptionHandler.lostDatabase(e) || response.isCommitted()) {
                    throw e;
                }
                log.warn("API request failed: the database is unavailable ({})", e.getClass().getSimpleName());
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("type", "about:blank");
                problem.put("title", "Service unavailable");
                problem.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
                problem.put("detail", "The database is not reachable; nothing was changed. Please retry later.");
                problem.put("instance", request.getRequestURI());
                response.resetBuffer();
                response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
                response.setHeader(HttpHeaders.RETRY_AFTER, "30");
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                json.writeValue(response.getOutputStream(), problem);
            }
        }
    }
}
