package com.collectwise.handoff;

import java.time.Duration;
import java.util.Base64;
import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The collection agency's HTTP endpoint. Every call carries an Idempotency-Key: the engine delivers at
 * least once (a job is retried after a failure or a crash), the key lets the agency keep one mandate.
 * Any non-2xx answer or I/O problem is thrown: the job fails, is retried with back-off and becomes an
 * incident after the last retry.
 */
@Component
public class AgencyClient {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final RestClient http;
    private final String baseUrl;

    public AgencyClient(RestClient.Builder builder, HandoffSettings settings) {
        String baseUrl = settings.agency().url();
        String username = settings.agency().username();
        String password = settings.agency().password();
        Duration connectTimeout = settings.agency().connectTimeout();
        Duration readTimeout = settings.agency().readTimeout();
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(connectTimeout);
        factory.setReadTimeout(readTimeout);
        RestClient.Builder b = builder.clone().requestFactory(factory);
        if (!username.isBlank()) {
            String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            b = b.defaultHeader("Authorization", "Basic " + token);
        }
        this.http = b.build();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** POST {url}/mandates: the case data for a new mandate. */
    public void handOff(AgencyMandate mandate) {
        http.post().uri(baseUrl + "/mandates").contentType(MediaType.APPLICATION_JSON)
            .header(IDEMPOTENCY_KEY, mandate.mandateKey()).body(mandate)
            .retrieve().toBodilessEntity();
    }

    /**
     * POST {url}/mandates/notices: news about a case the agency works (direct payment, dispute, settlement). The
     * body is sent as stored in the outbox, so every retry sends the same bytes with the same key.
     */
    public void notice(String idempotencyKey, String json) {
        http.post().uri(baseUrl + "/mandates/notices").contentType(MediaType.APPLICATION_JSON)
            .header(IDEMPOTENCY_KEY, idempotencyKey).body(json)
            .retrieve().toBodilessEntity();
    }

    /** POST {url}/mandates/end: the mandate is over (expired or recalled); the agency stops working the case. */
    public void endMandate(MandateEnd end) {
        http.post().uri(baseUrl + "/mandates/end").contentType(MediaType.APPLICATION_JSON)
            .header(IDEMPOTENCY_KEY, end.mandateKey() + ":END").body(end)
            .retrieve().toBodilessEntity();
    }
}
