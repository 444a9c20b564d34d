package com.collectwise.handoff;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The collection agency on localhost (JDK HTTP server). It keeps one mandate per Idempotency-Key, as a real
 * agency honouring the key would, and can be told to fail the next calls: with an HTTP status, or by
 * dropping the connection after it has taken the mandate (what the sender sees when it crashes mid-call).
 */
public final class AgencyStub implements AutoCloseable {

    /** A planned answer for the next call. */
    public static final int DROP_AFTER_RECEIVING = -1;

    public record Call(String path, String idempotencyKey, String authorization, String body) {
    }

    private final HttpServer server;
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> mandates = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Deque<Integer> planned = new ArrayDeque<>();

    public AgencyStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/agency", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/agency";
    }

    /** The next calls answer with these statuses (or {@link #DROP_AFTER_RECEIVING}); afterwards 200 again. */
    public synchronized void failNext(int... statuses) {
        for (int status : statuses) {
            planned.add(status);
        }
    }

    public synchronized void reset() {
        planned.clear();
        calls.clear();
        mandates.clear();
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public List<Call> calls(String path) {
        return calls().stream().filter(c -> c.path().equals(path)).toList();
    }

    /** Mandates the agency keeps, by Idempotency-Key (a repeated key does not add one). */
    public Map<String, String> mandates() {
        synchronized (mandates) {
            return Map.copyOf(mandates);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getPath();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        calls.add(new Call(path, key, exchange.getRequestHeaders().getFirst("Authorization"), body));
        Integer status;
        synchronized (this) {
            status = planned.poll();
        }
        if (status != null && status >= 400) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        if (path.endsWith("/mandates") && key != null) {
            mandates.putIfAbsent(key, body);
        }
        if (status != null && status == DROP_AFTER_RECEIVING) {
            // taken, but the caller never hears back: its transaction rolls back like after a crash
            exchange.getResponseBody().close();
            exchange.close();
            return;
        }
        byte[] answer = "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
