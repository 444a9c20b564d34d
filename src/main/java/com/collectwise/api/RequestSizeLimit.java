package com.collectwise.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
 * Caps the size of every {@code /api} request body: a CSV import {@code collectwise.api.max-request-size}, any other
 * body (JSON) {@code collectwise.api.max-json-request-size}. Tomcat's
 * own limits cover only form posts; a JSON or CSV body would otherwise be read into memory whole. A
 * body that announces a larger length is refused before it is read (413); a chunked body without a
 * length is cut off when it passes the limit, which {@link ApiExceptionHandler} answers with 413 too.
 */
@Configuration
public class RequestSizeLimit {

    /** Thrown while reading a chunked body that grew past the limit. */
    public static class PayloadTooLargeException extends IOException {
        PayloadTooLargeException(long limit) {
            super("The request body is larger than " + limit + " bytes");
        }
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> apiRequestSizeLimit(
        ApiSettings settings, ObjectMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration =
            new FilterRegistrationBean<>(new LimitFilter(settings.maxRequestSize().toBytes(),
            settings.maxJsonRequestSize().toBytes(), json));
        registration.addUrlPatterns("/api/*");
        registration.setName("apiRequestSizeLimit");
        return registration;
    }

    static final class LimitFilter extends OncePerRequestFilter {

        private final long csvLimit;
        private final long otherLimit;
        private final ObjectMapper json;

        LimitFilter(long csvLimit, long otherLimit, ObjectMapper json) {
            this.csvLimit = csvLimit;
            this.otherLimit = otherLimit;
            this.json = json;
        }

        /** A CSV file (the invoice import) may be large; every other body is a small JSON object. */
        private long limitOf(HttpServletRequest request) {
            String type = request.getContentType();
            if (type == null) {
                return otherLimit;
            }
            String t = type.trim().toLowerCase(java.util.Locale.ROOT);
            return t.startsWith("text/csv") || t.startsWith("text/plain") ? csvLimit : otherLimit;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
            long limit = limitOf(request);
            if (request.getContentLengthLong() > limit) {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("type", "about:blank");
                problem.put("title", "Payload too large");
                problem.put("status", HttpStatus.PAYLOAD_TOO_LARGE.value());
                problem.put("detail", "The request body may be at most " + limit + " bytes"
                    + (limit == csvLimit ? "; split the file" : ""));
                problem.put("instance", request.getRequestURI());
                response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                // the client may still be sending: tell it we will not read the rest
                response.setHeader("Connection", "close");
                json.writeValue(response.getOutputStream(), problem);
                return;
            }
            chain.doFilter(request.getContentLengthLong() < 0 ? new Limited(request, limit) : request, response);
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
