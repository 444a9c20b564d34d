package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A rate posted twice at the same moment (a feed sent twice, a double click) is entered once: one 201, the other
 * the 200 replay of the same row; a different rate for the same date racing it is a 409 (the caller looks and
 * decides), never a 5xx and never two rows. Before: both 201, two rows for the date. The dates and rates below equal the rate already in force there (LPR:
 * the PBOC benchmark 4.35 since 2015-10-24; ECB 0.00 all through 2016) or are for a currency no invoice of the
 * shared database is in (MNT), so no figure changes.
 */
public class RateCorrectionRaceApiTest extends ApiTestSupport {

    @Autowired
    DataSource dataSource;

    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private List<Response> atTheSameMoment(String path, Map<String, String> first, Map<String, String> second)
        throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> calls = new ArrayList<>();
        for (Map<String, String> body : List.of(first, second)) {
            calls.add(pool.submit(() -> {
                go.await();
                return post(FINANCE, path, body);
            }));
        }
        go.countDown();
        List<Response> answers = new ArrayList<>();
        for (Future<Response> call : calls) {
            answers.add(call.get(60, TimeUnit.SECONDS));
        }
        return answers;
    }

    private int rows(String table, String date) {
        return count("SELECT COUNT(*) FROM " + table + " WHERE effective_from = DATE '" + date + "'");
    }

    private static List<Integer> statuses(List<Response> answers) {
        return answers.stream().map(Response::status).sorted().toList();
    }

    @Test
    public void theSameLprTwiceAtTheSameMomentIsEnteredOnce_theSecondIsAReplay() throws Exception {
        for (String date : List.of("2016-03-01", "2017-03-01", "2018-03-01")) {
            Map<String, String> body = Map.of("effectiveFrom", date, "ratePercent", "4.35");
            List<Response> answers = atTheSameMoment("/api/rates/lpr", body, body);
            assertThat(statuses(answers)).as(answers.toString()).containsExactly(200, 201);
            assertThat(rows("lpr_rates", date)).isEqualTo(1);
            JsonNode a = answers.get(0).body();
            JsonNode b = answers.get(1).body();
            assertThat(a.path("enteredAt").asText()).isEqualTo(b.path("enteredAt").asText());
            assertThat(a.path("ratePercent").decimalValue()).isEqualByComparingTo("4.35");
        }
    }

    @Test
    public void theSameEcbRateTwiceAtTheSameMomentIsEnteredOnce() throws Exception {
        for (String date : List.of("2016-02-01", "2016-03-01", "2016-04-01")) {
            Map<String, String> body = Map.of("effectiveFrom", date, "ratePercent", "0.00");
            List<Response> answers = atTheSameMoment("/api/rates/ecb", body, body);
            assertThat(statuses(answers)).as(answers.toString()).containsExactly(200, 201);
            assertThat(rows("ecb_rates", date)).isEqualTo(1);
        }
    }

    @Test
    public void theSameExchangeRateTwiceAtTheSameMomentIsEnteredOnce() throws Exception {
        for (String date : List.of("2016-01-04", "2016-01-05", "2016-01-06")) {
            Map<String, String> body = Map.of("currency", "MNT", "effectiveFrom", date, "unitsPerEur", "2150.25");
            List<Response> answers = atTheSameMoment("/api/rates/fx", body, body);
            assertThat(statuses(answers)).as(answers.toString()).containsExactly(200, 201);
            assertThat(count("SELECT COUNT(*) FROM fx_rates WHERE currency = 'MNT' AND effective_from = DATE '" + date
                + "'")).isEqualTo(1);
        }
    }

    /**
     * The moment of the race held open: this test's own transaction has entered 4.36 for the date, not yet committed,
     * while finance posts 4.35 (and so does not see it). The POST waits for the unique entry number; when the other
     * commits first, 4.35 was entered at the same moment as another rate: 409, nothing stored, one row; a later
     * correction is an ordinary 201. Posting the same 4.36 instead is the replay (200). Restored to 4.35 at the end.
     */
    @Test
    public void aDifferentLprRateEnteredAtTheSameMomentIs409_theSameIsAReplay() throws Exception {
        String date = "2016-09-01";
        try {
            Response lost = whileAnotherEnters("lpr_rates", date, "4.3600",
                () -> post(FINANCE, "/api/rates/lpr", Map.of("effectiveFrom", date, "ratePercent", "4.35")));
            assertThat(lost.status()).as(lost.raw()).isEqualTo(409);
            assertThat(String.valueOf(lost.headers().getContentType())).contains("application/problem+json");
            assertThat(lost.body().path("detail").asText()).contains("4.36").contains("4.35");
            assertThat(rows("lpr_rates", date)).isEqualTo(1);

            String other = "2016-10-01";
            Response replay = whileAnotherEnters("lpr_rates", other, "4.3500",
                () -> post(FINANCE, "/api/rates/lpr", Map.of("effectiveFrom", other, "ratePercent", "4.35")));
            assertThat(replay.status()).as(replay.raw()).isEqualTo(200);
            assertThat(replay.body().path("enteredBy").asText()).isEqualTo("racer");
            assertThat(rows("lpr_rates", other)).isEqualTo(1);
        } finally {
            Response restored = post(FINANCE, "/api/rates/lpr", Map.of("effectiveFrom", date, "ratePercent", "4.35"));
            assertThat(restored.status()).as(restored.raw()).isEqualTo(201);
        }
    }

    /** {@code request} while an uncommitted row of the date is in {@code table}, committed once the request waits. */
    private Response whileAnotherEnters(String table, String date, String rate, Callable<Response> request)
        throws Exception {
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement insert = holder.prepareStatement("INSERT INTO " + table + " (effective_from,"
                + " entry_no, rate_percent, entered_by, entered_at) VALUES (DATE '" + date + "', 1, " + rate
                + ", 'racer', CURRENT_TIMESTAMP)")) {
                insert.executeUpdate();
            }
            Future<Response> posting = pool.submit(request);
            awaitWaitingToInsertInto(table);
            holder.commit();
            return posting.get(60, TimeUnit.SECONDS);
        }
    }

    private void awaitWaitingToInsertInto(String table) throws Exception {
        String waiting;
        try (Connection c = dataSource.getConnection()) {
            waiting = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")
                ? "SELECT COUNT(*) FROM pg_locks WHERE NOT granted"
                // H2 shows a row lock wait as the statement still executing
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID() "
                    + "AND EXECUTING_STATEMENT LIKE '%INSERT INTO " + table + "%'";
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
            .until(() -> jdbc.sql(waiting).query(Integer.class).single() > 0);
    }
}
