package com.collectwise.api;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Errors that Tomcat answers itself, before a request reaches the application (a request line or headers larger than
 * {@code server.max-http-request-header-size}, 8 KB by default, or not HTTP at all), are RFC 7807 problems like every
 * other error, not Tomcat's HTML page: the host's error report valve is replaced by one that writes
 * {@code application/problem+json}.
 */
@Component
class ContainerErrorProblems implements ApplicationListener<ServletWebServerInitializedEvent> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String headerLimit;

    ContainerErrorProblems(@Value("${server.max-http-request-header-size:8KB}") DataSize headerLimit) {
        this.headerLimit = headerLimit.toKilobytes() + " KB";
    }

    @Override
    public void onApplicationEvent(ServletWebServerInitializedEvent event) {
        if (!(event.getWebServer() instanceof TomcatWebServer tomcat)) {
            return;
        }
        Host host = tomcat.getTomcat().getHost();
        if (host instanceof StandardHost standard) {
            standard.setErrorReportValveClass(ProblemReportValve.class.getName());
        }
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                host.getPipeline().removeValve(valve);
            }
        }
        if (List.of(host.getPipeline().getValves()).stream().noneMatch(ProblemReportValve.class::isInstance)) {
            host.getPipeline().addValve(new ProblemReportValve(headerLimit));
        }
    }

    /** Tomcat's error report as a problem: status, title, what to fix, and the request as the bad "field". */
    public static class ProblemReportValve extends ErrorReportValve {

        private final String headerLimit;

        /** Tomcat creates the class named by {@link StandardHost#setErrorReportValveClass} itself: the default limit. */
        public ProblemReportValve() {
            this("8 KB");
        }

        ProblemReportValve(String headerLimit) {
            this.headerLimit = headerLimit;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String title = known == null ? "Error" : known.getReasonPhrase();
            String message = status == 400
                ? "could not be read: the request line (path and query) and the headers must be well-formed HTTP and"
                    + " at most " + headerLimit + " together"
                : "could not be served (" + title + ")";
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", status == 400 ? "Invalid request" : title);
            problem.put("status", status);
            problem.put("detail", "The request " + message);
            problem.put("errors", List.of(Map.of("field", "request", "message", message)));
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(JSON.writeValueAsString(problem));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away or the response was committed meanwhile: nothing more to say
            }
        }
    }
}
