package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * GET/POST /api/rates/fx: the euro exchange rates finance keeps (units of a currency per 1 EUR, from a date on), in
 * the style of /api/rates/{lpr,ecb}. The currencies here (CHF, NOK, JPY) are not used by other API tests, so the
 * rates entered change no one else's figures.
 */
class FxRateApiTest extends ApiTestSupport {

    @Test
    void financeEntersARate_theSameAgainIsAReplay_anotherRateForTheDateCorrectsIt() {
        Response created = post(FINANCE, "/api/rates/fx", Map.of("currency", "CHF", "effectiveFrom", "2021-04-01",
            "unitsPerEur", "1.1065"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.headers().getLocation()).hasToString("/api/rates/fx?currency=CHF");
        assertThat(created.body().path("currency").asText()).isEqualTo("CHF");
        assertThat(created.body().path("effectiveFrom").asText()).isEqualTo("2021-04-01");
        assertThat(created.body().path("unitsPerEur").decimalValue()).isEqualByComparingTo("1.1065");
        assertThat(created.body().path("enteredBy").asText()).isEqualTo(FINANCE);
        int rows = count("SELECT COUNT(*) FROM fx_rates WHERE currency = 'CHF'");

        // the same body again: 200 with the row in force, nothing stored
        Response replay = post(FINANCE, "/api/rates/fx", Map.of("currency", "CHF", "effectiveFrom", "2021-04-01",
            "unitsPerEur", "1.106500"));
        assertThat(replay.status()).as(replay.raw()).isEqualTo(200);
        assertThat(replay.body().path("unitsPerEur").decimalValue()).isEqualByComparingTo("1.1065");
        assertThat(count("SELECT COUNT(*) FROM fx_rates WHERE currency = 'CHF'")).isEqualTo(rows);

        // another rate for the same currency and date corrects it, as in the LPR and ECB tables
        Response corrected = post(ADMIN, "/api/rates/fx", Map.of("currency", "CHF", "effectiveFrom", "2021-04-01",
            "unitsPerEur", "1.1070"));
        assertThat(corrected.status()).as(corrected.raw()).isEqualTo(201);
        assertThat(post(FINANCE, "/api/rates/fx", Map.of("currency", "CHF", "effectiveFrom", "2021-05-03",
            "unitsPerEur", 1.0955)).status()).isEqualTo(201);

        Response list = get(SUPERVISOR, "/api/rates/fx?currency=CHF");
        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        List<String> rows2 = new ArrayList<>();
        list.body().forEach(r -> rows2.add(r.path("effectiveFrom").asText() + " "
            + r.path("unitsPerEur").decimalValue().stripTrailingZeros().toPlainString()));
        assertThat(rows2).containsExactly("2021-04-01 1.107", "2021-05-03 1.0955");
        JsonNode all = get(FINANCE, "/api/rates/fx").body();
        assertThat(all.isArray()).isTrue();
        assertThat(all.findValuesAsText("currency")).contains("CHF");
    }

    @Test
    void badFieldsAreEachNamed_andNothingIsStored() {
        int before = count("SELECT COUNT(*) FROM fx_rates");
        Response bad = post(FINANCE, "/api/rates/fx", Map.of("currency", "usd", "effectiveFrom", "2026-02-30",
            "unitsPerEur", "abc"));
        assertProblem(bad, 400);
        assertThat(errorFields(bad)).containsExactly("currency", "effectiveFrom", "unitsPerEur");

        assertThat(errorFields(post(FINANCE, "/api/rates/fx", Map.of()))).containsExactly("currency", "effectiveFrom",
            "unitsPerEur");
        Response eur = post(FINANCE, "/api/rates/fx", Map.of("currency", "EUR", "effectiveFrom", "2026-01-02",
            "unitsPerEur", "1"));
        assertProblem(eur, 400);
        assertThat(errorFields(eur)).containsExactly("currency");
        assertThat(eur.raw()).contains("must not be EUR");
        for (String code : List.of("ABC", "XAU", "US", "USDX")) {
            Response r = post(FINANCE, "/api/rates/fx", Map.of("currency", code, "effectiveFrom", "2026-01-02",
                "unitsPerEur", "1.5"));
            assertProblem(r, 400);
            assertThat(errorFields(r)).as(code).containsExactly("currency");
        }
        for (String rate : List.of("0", "-1.2", "1000000000", "1.1234567", "1e12")) {
            Response r = post(FINANCE, "/api/rates/fx", Map.of("currency", "NOK", "effectiveFrom", "2026-01-02",
                "unitsPerEur", rate));
            assertProblem(r, 400);
            assertThat(errorFields(r)).as(rate).containsExactly("unitsPerEur");
        }
        Response noDate = post(FINANCE, "/api/rates/fx", Map.of("currency", "NOK", "effectiveFrom",
            "+999999999-12-31", "unitsPerEur", "11.5"));
        assertThat(errorFields(noDate)).containsExactly("effectiveFrom");
        assertThat(count("SELECT COUNT(*) FROM fx_rates")).isEqualTo(before);
        // six decimals and a large rate are fine
        assertThat(post(FINANCE, "/api/rates/fx", Map.of("currency", "JPY", "effectiveFrom", "2021-04-01",
            "unitsPerEur", "129.123456")).status()).isEqualTo(201);
    }

    @Test
    void onlyFinanceAndAdminsPost_supervisorsAndFinanceRead() {
        Map<String, String> body = Map.of("currency", "NOK", "effectiveFrom", "2021-04-01", "unitsPerEur", "10.1");
        assertThat(post(SUPERVISOR, "/api/rates/fx", body).status()).isEqualTo(403);
        assertThat(post(COLLECTOR, "/api/rates/fx", body).status()).isEqualTo(403);
        assertThat(post(INTEGRATION, "/api/rates/fx", body).status()).isEqualTo(403);
        assertThat(get(COLLECTOR, "/api/rates/fx").status()).isEqualTo(403);
        assertThat(get(FINANCE, "/api/rates/fx").status()).isEqualTo(200);
        assertThat(rest.getForEntity("/api/rates/fx", String.class).getStatusCode().value()).isEqualTo(401);
    }
}
