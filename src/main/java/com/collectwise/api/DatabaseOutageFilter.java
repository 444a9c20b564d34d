package com.collectwise.api;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The database also answers the login of every API call (users live in the Camunda identity store),
 * so an outage fails there, before any controller and its {@link ApiExceptionHandler}. This filter
 * sits in front of Spring Security and turns a lost database into the same 503 problem the handler
 * gives: the caller learns to retry, instead of seeing a 500 or a misleading 401.
 * <p>
 * The engine's REST API ({@code /engine-rest}) and the webapps' copy of it ({@code /camunda/api/engine},
 * what Tasklist and Cockpit call) catch the failure themselves and answer 500 through Camunda's exception
 * mapper, so no exception reaches this filter. There the filter holds back a 500 when an engine command of
 * the same request failed for want of a connection ({@link LostDatabaseMarker}) and answers 503 instead.
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

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineDatabaseOutageFilter(ObjectMapper json,
        @Value("${spring.jersey.application-path:/engine-rest}") String restPath,
        @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
        FilterRegistrationBean<OncePerRequestFilter> registration =
            new FilterRegistrationBean<>(new OutageFilter(json));
        registration.addUrlPatterns("/" + restPath.replaceAll("^/+|/+$", "") + "/*",
            "/" + webappPath.replaceAll("^/+|/+$", "") + "/api/engine/*");
        registration.setName("engineDatabaseOutage");
        // outside the engine guards and Camunda's authentication filters, which ask the database too
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
            LostDatabaseMarker.reset();
            HeldBackError held = new HeldBackError(response);
            try {
                chain.doFilter(request, held);
            } catch (ServletException | IOException | RuntimeException e) {
                if (!ApiExceptionHandler.lostDatabase(e) || response.isCommitted()) {
                    throw e;
                }
                log.warn("API request failed: the database is unavailable ({})", e.getClass().getSimpleName());
                unavailable(request, response);
                return;
            } finally {
                LostDatabaseMarker.reset();
            }
            if (held.heldBack) {
                log.warn("Engine API request failed: the database is unavailable");
                unavailable(request, response);
            }
        }

        private void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", "Service unavailable");
            problem.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
            problem.put("detail", "The database is not reachable; nothing was changed. Please retry later.");
            problem.put("instance", request.getRequestURI());
            response.resetBuffer();
            // the engine's exception mapper may have announced the length of the 500 it meant to send
            response.setContentLengthLong(-1);
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, "30");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
        }
    }

    /**
     * Passes everything through, except a 500 set while an engine command of this request lost the
     * database: its status and body are swallowed so that the filter can answer 503 instead.
     */
    static final class HeldBackError extends HttpServletResponseWrapper {

        boolean heldBack;

        HeldBackError(HttpServletResponse response) {
            super(response);
        }

        private boolean holdBack(int status) {
            if (status == HttpStatus.INTERNAL_SERVER_ERROR.value() && LostDatabaseMarker.lostOnThisThread()
                && !isCommitted()) {
                heldBack = true;
            }
            return heldBack;
        }

        @Override
        public void setStatus(int sc) {
            if (!holdBack(sc)) {
                super.setStatus(sc);
            }
        }

        @Override
        public void sendError(int sc) throws IOException {
            if (!holdBack(sc)) {
                super.sendError(sc);
            }
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            if (!holdBack(sc)) {
                super.sendError(sc, msg);
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (!heldBack) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!heldBack) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setContentType(String type) {
            if (!heldBack) {
                super.setContentType(type);
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            return heldBack ? Discard.INSTANCE : super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            return heldBack ? new PrintWriter(Discard.INSTANCE) : super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!heldBack) {
                super.flushBuffer();
            }
        }
    }

    private static final class Discard extends ServletOutputStream {

        static final Discard INSTANCE = new Discard();

        @Override
        public void write(int b) {
            // the 500's body of the engine's exception mapper: replaced by the 503 problem
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("synchronous writes only");
        }
    }
}
