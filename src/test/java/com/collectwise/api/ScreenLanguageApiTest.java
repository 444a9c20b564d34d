package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the application gives Camunda's webapps and the dashboard for the screen language (the test profile keeps
 * the default, en; the Chinese locale is served whatever the setting, for a browser or a later setting to use).
 */
class ScreenLanguageApiTest extends ApiTestSupport {

    @Test
    void tasklistGetsAChineseLocaleWithEveryKeyOfItsEnglishOne() throws Exception {
        ResponseEntity<String> zh = rest.getForEntity("/camunda/app/tasklist/locales/zh.json", String.class);
        ResponseEntity<String> en = rest.getForEntity("/camunda/app/tasklist/locales/en.json", String.class);

        assertThat(zh.getStatusCode().value()).as(zh.getBody()).isEqualTo(200);
        JsonNode chinese = json.readTree(zh.getBody()).path("labels");
        JsonNode english = json.readTree(en.getBody().replace("\uFEFF", "")).path("labels");
        english.fieldNames().forEachRemaining(key -> assertThat(chinese.has(key)).as(key).isTrue());
        assertThat(chinese.path("CLAIM_TASK").asText()).isEqualTo("认领");
        assertThat(chinese.path("PAGE_LOGIN_SIGN_IN_ACTION").asText()).isEqualTo("登录");
        assertThat(chinese.path("BANNER_CE_EOL_TEXT").asText()).isEmpty();
        assertThat(json.readTree(zh.getBody()).path("dateLocales").path("months").get(0).asText()).isEqualTo("一月");
    }

    @Test
    void theWebappConfigurationKeepsCamundasAndSetsTheLanguageOfTheInstallation() {
        ResponseEntity<String> config = rest.getForEntity("/camunda/app/tasklist/scripts/config.js", String.class);

        assertThat(config.getStatusCode().value()).isEqualTo(200);
        assertThat(config.getBody()).contains("locales: {availableLocales: ['en'], fallbackLocale: 'en'}",
            "disableWelcomeMessage: true", "claimTask").startsWith("/*");
        assertThat(rest.getForEntity("/camunda/app/cockpit/scripts/config.js", String.class).getBody())
            .contains("availableLocales: ['en']");
        assertThat(rest.getForEntity("/camunda/app/nosuchapp/scripts/config.js", String.class).getStatusCode().value())
            .isEqualTo(404);
    }

    @Test
    void theMigrationBannerIsHiddenByTheInstallationsStyleSheet() {
        ResponseEntity<String> css = rest.getForEntity("/camunda/app/tasklist/styles/user-styles.css", String.class);

        assertThat(css.getStatusCode().value()).isEqualTo(200);
        assertThat(css.getBody()).contains(".ce-eol-banner").contains("display: none");
    }

    @Test
    void theDashboardReadsTheScreenLanguageSetting() {
        Response settings = get(FINANCE, "/dashboard/settings");

        assertThat(settings.status()).as(settings.raw()).isEqualTo(200);
        assertThat(settings.body().path("language").asText()).isEqualTo("en");
    }
}
