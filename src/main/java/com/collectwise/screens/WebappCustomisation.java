package com.collectwise.screens;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.collectwise.api.NotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Chinese for Camunda's Tasklist, Cockpit and Admin, through the two doors the webapps open to an installation:
 * <ul>
 * <li>{@code app/<webapp>/scripts/config.js}: the webapp's own {@code config.js} (from the webjar) with
 * {@code locales} set to the installation's screen language ({@code collectwise.ui.language}) and the first-visit
 * welcome message off;</li>
 * <li>{@code app/<webapp>/locales/zh.json}: the webapp's English locale with the Chinese words of
 * {@code webapp-locales/common.zh.json} and {@code webapp-locales/<webapp>.zh.json} laid over it, so every key
 * exists (a key we have not translated reads in English, never as its raw name) and an engine upgrade that adds
 * keys needs no change here;</li>
 * <li>{@code app/<webapp>/styles/user-styles.css}: the webapps' documented style sheet for installations, which
 * hides the "migrate to Camunda 8" banner (docs/operations.md says why that is a choice of the operator).</li>
 * </ul>
 * Nothing of the webapps' code is changed: these are the files Camunda leaves to the installation. They are served
 * here, not as static files, because the language is a setting.
 */
@RestController
public class WebappCustomisation {

    private static final List<String> WEBAPPS = List.of("tasklist", "cockpit", "admin", "welcome");
    private static final String WEBJAR = "META-INF/resources/webjars/camunda/app/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String language;

    public WebappCustomisation(ScreenSettings settings) {
        this.language = ScreenForms.isChinese(settings.language()) ? "zh" : "en";
    }

    @GetMapping(value = "${camunda.bpm.webapp.application-path:/camunda}/app/{webapp}/scripts/config.js",
        produces = "application/javascript")
    public ResponseEntity<String> config(@PathVariable String webapp) {
        String original = read(WEBJAR + known(webapp) + "/scripts/config.js");
        String ours = "export default {\n"
            + "  // collectwise: the installation's screen language (collectwise.ui.language), docs/operations.md\n"
            + "  locales: {availableLocales: ['" + language + "'], fallbackLocale: '" + language + "'},\n"
            + "  disableWelcomeMessage: true,\n";
        if (!original.contains("export default {")) {
            throw new IllegalStateException("the config.js of " + webapp + " has changed its form");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
            .body(original.replace("export default {", ours));
    }

    @GetMapping(value = "${camunda.bpm.webapp.application-path:/camunda}/app/{webapp}/locales/zh.json",
        produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> chinese(@PathVariable String webapp) throws IOException {
        ObjectNode locale = (ObjectNode) JSON.readTree(stripBom(read(WEBJAR + known(webapp) + "/locales/en.json")));
        ObjectNode labels = (ObjectNode) locale.path("labels");
        for (String overlay : List.of("webapp-locales/common.zh.json", "webapp-locales/" + webapp + ".zh.json")) {
            ClassPathResource resource = new ClassPathResource(overlay);
            if (!resource.exists()) {
                continue;
            }
            JsonNode ours = JSON.readTree(read(overlay));
            for (Iterator<Map.Entry<String, JsonNode>> it = ours.path("labels").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> label = it.next();
                labels.set(label.getKey(), label.getValue());
            }
            if (ours.has("dateLocales")) {
                locale.set("dateLocales", ours.get("dateLocales"));
            }
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(JSON.writeValueAsString(locale));
    }

    @GetMapping(value = "${camunda.bpm.webapp.application-path:/camunda}/app/{webapp}/styles/user-styles.css",
        produces = "text/css")
    public ResponseEntity<String> styles(@PathVariable String webapp) {
        known(webapp);
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(read("webapp-locales/user-styles.css"));
    }

    private static String known(String webapp) {
        if (!WEBAPPS.contains(webapp)) {
            throw new NotFoundException("no webapp " + webapp);
        }
        return webapp;
    }

    private static String read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(path + " is missing from the class path", e);
        }
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
