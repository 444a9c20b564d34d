package com.collectwise.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * 401 and 403 as RFC 7807 problems, like every other API error, so a machine client can tell
 * "who are you?" (401, with the Basic challenge) from "not for you" (403). A URL the firewall refuses (an encoded
 * slash, backslash or percent, a ';', '..') is a 400 problem naming the path, not the servlet container's error page
 * ({@link org.springframework.security.web.firewall.RequestRejectedHandler}).
 */
@Component
public class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "collectwise";

    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException authException) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
            "Authenticate with HTTP Basic (a user of the Camunda identity store)");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException accessDeniedException) throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "Forbidden",
            "None of your groups may do this; see the group table of the API documentation");
    }

    /** The firewall's {@link RequestRejectedHandler} ({@code SecurityConfig#rejectedRequests}). */
    void rejected(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
        throws IOException {
        write(request, response, HttpStatus.BAD_REQUEST, "Invalid request", "The request URL is not allowed",
            List.of(Map.of("field", "path", "message", "must not contain an encoded '/', '\\' or '%', a ';' or"
                + " '..' (invoice numbers and customer ids are letters, digits, '.', '_' and '-')")));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                       String detail) throws IOException {
        write(request, response, status, title, detail, null);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                       String detail, List<Map<String, String>> errors) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        if (errors != null) {
            problem.put("errors", errors);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
