package com.collectwise.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

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

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineRestVariableGuardFilter(
        @Value("${spring.jersey.application-path:/engine-rest}") String restPath,
        @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
        @Value("${collectwise.engine-rest.max-request-size:10MB}") DataSize maxSize, ObjectMapper json) {
        String prefix = "/" + restPath.replaceAll("^/+|/+$", "");
        String webapp = "/" + webappPath.replaceAll("^/+|/+$", "") + "/api/engine";
        FilterRegistrationBean<OncePerRequestFilter> registration =
            new FilterRegistrationBean<>(new Guard(maxSize.toBytes(), json));
        registration.setName("engineRestVariableGuard");
        registration.addUrlPatterns(prefix + "/*", webapp + "/*");
        // caps the body before the expression guard reads it; both before Camunda's own filters
        registration.setOrder(EngineExpressionGuard.ORDER - 1);
        return registration;
    }

    static final class Guard extends OncePerRequestFilter {

        private final long limit;
        private final ObjectMapper json;

        Guard(long limit, ObjectMapper json) {
            this.limit = limit;
            this.json = json;
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
            chain.doFilter(new Replayed(request, body), response);
        }

        private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                            String detail) throws IOException {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", title);
            problem.put("status", status.value());
            problem.put("detail", detail);
            problem.put("instance", request.getRequestURI());
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
