package com.collectwise.security;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses query expressions at every door of the engine (CVE-2026-109432): the engine REST API and the
 * webapps' own copy of it ({@code /camunda/api/engine}, what Tasklist and Cockpit call). The engine's
 * own switches ({@code enableExpressionsInAdhocQueries}, {@code enableExpressionsInStoredQueries}) are
 * off, but 7.24.0 evaluates an expression nested in {@code orQueries} all the same, and the fix ships
 * only in paid patches; so nothing that looks like an expression gets as far as the engine, whoever asks
 * (administrators included: an expression runs with the engine's rights, not the caller's).
 * <p>
 * Refused with 400: a query parameter whose name ends in {@code Expression} or whose value contains
 * {@code ${} or {@code #{}, on every path; and in the JSON body of the task and filter endpoints (task
 * queries, filters created or updated, filter execution with an extending query) any key ending in
 * {@code Expression} or any string containing {@code ${} or {@code #{}, at any depth, {@code orQueries}
 * included. The body is parsed, not searched as text, so a JSON escape ({@code \u0024{}) hides nothing;
 * a body that does not parse is refused too, since the engine would read it with the same parser.
 * Other bodies (variables, deployments) pass: they carry data and models, not queries, and the engine
 * does not evaluate a variable's value.
 */
@Configuration
public class EngineExpressionGuard {

    /** After the outage filter (which must see every failure), before Spring Security and Camunda's filters. */
    static final int ORDER = SecurityProperties.DEFAULT_FILTER_ORDER - 4;

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    /**
     * The resources whose bodies are task queries, behind the engine REST prefix and an optional
     * {@code /engine/{name}}: {@code /task}, {@code /task/count} and everything below {@code /filter}.
     */
    private static final Pattern QUERY_RESOURCE = Pattern.compile("(/engine/[^/]+)?(/task(/count)?|/filter(/.*)?)/*");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineExpressionGuardFilter(
        @Value("${spring.jersey.application-path:/engine-rest}") String restPath,
        @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
        EngineRestSettings settings) {
        String rest = "/" + restPath.replaceAll("^/+|/+$", "");
        String webapp = "/" + webappPath.replaceAll("^/+|/+$", "") + "/api/engine";
        FilterRegistrationBean<OncePerRequestFilter> registration =
            new FilterRegistrationBean<>(new Guard(settings.maxRequestSize().toBytes(), rest, webapp));
        registration.setName("engineExpressionGuard");
        registration.addUrlPatterns(rest + "/*", webapp + "/*");
        registration.setOrder(ORDER);
        return registration;
    }

    static final class Guard extends OncePerRequestFilter {

        private final long limit;
        private final String[] prefixes;
        /** The engine reads JSON with Jackson, which keeps the last of two equal keys: we refuse both. */
        private final ObjectMapper json = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

        Guard(long limit, String... prefixes) {
            this.limit = limit;
            this.prefixes = prefixes;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
            Optional<String> found = inQueryString(request.getQueryString());
            if (found.isPresent()) {
                refuse(request, response, found.get());
                return;
            }
            if (!WITH_BODY.contains(request.getMethod()) || !isQueryResource(request)) {
                chain.doFilter(request, response);
                return;
            }
            byte[] body = request.getInputStream().readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE));
            if (body.length > limit) {
                ProblemWriter.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large",
                    "The request body may be at most " + limit + " bytes", null);
                return;
            }
            found = inBody(body);
            if (found.isPresent()) {
                refuse(request, response, found.get());
                return;
            }
            chain.doFilter(new EngineRestVariableGuard.Replayed(request, body), response);
        }

        /** The path below the engine REST prefix, as the servlet container decoded and normalised it. */
        private boolean isQueryResource(HttpServletRequest request) {
            String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
            for (String prefix : prefixes) {
                if (path.startsWith(prefix + "/")) {
                    return QUERY_RESOURCE.matcher(path.substring(prefix.length())).matches();
                }
            }
            // a path we do not know how to read: inspect it rather than let it pass
            return true;
        }

        /**
         * Reads the raw query string itself: {@code getParameterMap()} would consume a form body, and the
         * decoding is the one Jersey applies (UTF-8, {@code +} as space).
         */
        static Optional<String> inQueryString(String query) {
            if (query == null || query.isEmpty()) {
                return Optional.empty();
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (namesExpression(name) || containsExpression(name)) {
                    return Optional.of("query parameter '" + name + "'");
                }
                if (containsExpression(value)) {
                    return Optional.of("the value of query parameter '" + name + "'");
                }
            }
            return Optional.empty();
        }

        private static String decode(String raw) {
            try {
                return URLDecoder.decode(raw, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // a broken %-escape: Jersey refuses it too; look at the raw text instead
                return raw;
            }
        }

        Optional<String> inBody(byte[] body) {
            if (body.length == 0) {
                return Optional.empty();
            }
            JsonNode tree;
            try {
                tree = json.readTree(body);
            } catch (JsonProcessingException e) {
                return Optional.of("the body, which is not a single JSON document");
            } catch (IOException e) {
                return Optional.of("the body, which could not be read");
            }
            return tree == null ? Optional.empty() : inNode(tree, "");
        }

        private static Optional<String> inNode(JsonNode node, String where) {
            if (node.isTextual()) {
                return containsExpression(node.textValue()) ? Optional.of("the value of '" + where + "'")
                    : Optional.empty();
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    Optional<String> found = inNode(node.get(i), where + "[" + i + "]");
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String path = where.isEmpty() ? field.getKey() : where + "." + field.getKey();
                    if (namesExpression(field.getKey()) || containsExpression(field.getKey())) {
                        return Optional.of("'" + path + "'");
                    }
                    Optional<String> found = inNode(field.getValue(), path);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        }

        static boolean namesExpression(String name) {
            return name.toLowerCase(Locale.ROOT).endsWith("expression");
        }

        static boolean containsExpression(String text) {
            return text.contains("${") || text.contains("#{");
        }

        private static void refuse(HttpServletRequest request, HttpServletResponse response, String where)
            throws IOException {
            ProblemWriter.write(request, response, HttpStatus.BAD_REQUEST, "Invalid request",
                "Expressions are not accepted in engine queries or filters (found in " + where + "); use plain"
                    + " values", where);
        }
    }

    /** The problem+json answer of the guards, in the shape of {@link ProblemResponses}. */
    static final class ProblemWriter {

        private static final ObjectMapper JSON = new ObjectMapper();

        private ProblemWriter() {
        }

        static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                          String detail, String field) throws IOException {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", title);
            problem.put("status", status.value());
            problem.put("detail", detail);
            problem.put("instance", request.getRequestURI());
            if (field != null) {
                problem.put("errors", List.of(Map.of("field", field, "message", "must not be an expression")));
            }
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            JSON.writeValue(response.getOutputStream(), problem);
        }
    }
}
