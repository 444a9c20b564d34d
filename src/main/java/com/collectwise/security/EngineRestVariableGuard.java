package com.collectwise.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses Java-serialized variables at the doors of the engine REST API ({@code /engine-rest} and the
 * webapps' {@code /camunda/api/engine}, which Tasklist and Cockpit call) with a 400. The engine refuses
 * them too ({@code javaSerializationFormatEnabled: false}), but answers with a 500 that looks like our
 * fault and reaches the engine first; the guard also caps the body size of engine REST calls (a
 * deployment of all our models is far below the limit).
 */
@Configuration
public class EngineRestVariableGuard {

    static final String JAVA_SERIALIZED = "application/x-java-serialized-object";
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    private static final Pattern CREDENTIALS = Pattern.compile("/user/([^/]+)/credentials$");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineRestVariableGuardFilter(
        @Value("${spring.jersey.application-path:/engine-rest}") String restPath,
        @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
        EngineRestSettings settings, ObjectMapper json,
        ObjectProvider<IdentityService> identity) {
        String prefix = "/" + restPath.replaceAll("^/+|/+$", "");
        String webapp = "/" + webappPath.replaceAll("^/+|/+$", "") + "/api/engine";
        FilterRegistrationBean<OncePerRequestFilter> registration =
            new FilterRegistrationBean<>(new Guard(settings.maxRequestSize().toBytes(), json, identity));
        registration.setName("engineRestVariableGuard");
        registration.addUrlPatterns(prefix + "/*", webapp + "/*");
        // caps the body before the expression guard reads it; both before Camunda's own filters
        registration.setOrder(EngineExpressionGuard.ORDER - 1);
        return registration;
    }

    static final class Guard extends OncePerRequestFilter {

        private final long limit;
        private final ObjectMapper json;
        private final ObjectProvider<IdentityService> identity;

        Guard(long limit, ObjectMapper json, ObjectProvider<IdentityService> identity) {
            this.limit = limit;
            this.json = json;
            this.identity = identity;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
            if (!WITH_BODY.contains(request.getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            if (request.getContentLengthLong() > limit) {
                refuse(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large",
                    "The request body may be at most " + limit + " bytes");
                return;
            }
            byte[] body = request.getInputStream().readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE));
            if (body.length > limit) {
                refuse(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large",
                    "The request body may be at most " + limit + " bytes");
                return;
            }
            // a JSON body or the part header of a multipart upload names the format; ISO-8859-1 keeps bytes 1:1
            if (new String(body, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains(JAVA_SERIALIZED)) {
                refuse(request, response, HttpStatus.BAD_REQUEST, "Invalid request",
                    "Java-serialized variables are not accepted; send primitive values or JSON");
                return;
            }
            List<Map<String, String>> weak = weakPassword(request, body);
            if (!weak.isEmpty()) {
                refuse(request, response, HttpStatus.BAD_REQUEST, "Invalid request",
                    "The password does not meet the password policy", weak);
                return;
            }
            chain.doFilter(new Replayed(request, body), response);
        }

        /**
         * A new user (Admin, or POST .../user/create) or a new password (PUT .../user/{id}/credentials) that breaks
         * the password policy: the engine refuses it with a 500 that names no rule; this answers 400 with each
         * violated rule (GET /engine-rest/identity/password-policy lists them). Empty when the request is something
         * else, has no readable password, or no policy is enabled.
         */
        private List<Map<String, String>> weakPassword(HttpServletRequest request, byte[] body) {
            String uri = request.getRequestURI();
            boolean create = "POST".equals(request.getMethod()) && uri.endsWith("/user/create");
            Matcher credentials = CREDENTIALS.matcher(uri);
            boolean change = "PUT".equals(request.getMethod()) && credentials.find();
            if (!create && !change) {
                return List.of();
            }
            IdentityService users = identity.getIfAvailable();
            if (users == null || users.getPasswordPolicy() == null) {
                return List.of();
            }
            JsonNode node;
            try {
                node = json.readTree(body);
            } catch (IOException e) {
                return List.of(); // not JSON: the engine answers that itself
            }
            String field = create ? "credentials.password" : "password";
            JsonNode password = create ? node.path("credentials").path("password") : node.path("password");
            if (!password.isTextual()) {
                return List.of();
            }
            User user;
            if (create) {
                JsonNode profile = node.path("profile");
                user = users.newUser(profile.path("id").asText(null));
                user.setFirstName(profile.path("firstName").asText(null));
                user.setLastName(profile.path("lastName").asText(null));
                user.setEmail(profile.path("email").asText(null));
            } else {
                String id = java.net.URLDecoder.decode(credentials.group(1), StandardCharsets.UTF_8);
                user = users.createUserQuery().userId(id).singleResult();
                if (user == null) {
                    return List.of(); // the engine answers 404
                }
            }
            PasswordPolicyResult result = users.checkPasswordAgainstPolicy(password.asText(), user);
            List<Map<String, String>> errors = new ArrayList<>();
            for (PasswordPolicyRule rule : result.getViolatedRules()) {
                Map<String, String> error = new LinkedHashMap<>();
                error.put("field", field);
                error.put("message", "violates " + rule.getPlaceholder()
                    + (rule.getParameters() == null || rule.getParameters().isEmpty() ? "" : " " + rule.getParameters()));
                errors.add(error);
            }
            return errors;
        }

        private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                            String detail) throws IOException {
            refuse(request, response, status, title, detail, List.of());
        }

        private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                            String detail, List<Map<String, String>> errors) throws IOException {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", title);
            problem.put("status", status.value());
            problem.put("detail", detail);
            problem.put("instance", request.getRequestURI());
            if (!errors.isEmpty()) {
                problem.put("errors", errors);
            }
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
        }
    }

    /** The request with its body read once and served again from memory. */
    static final class Replayed extends HttpServletRequestWrapper {

        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
