package com.collectwise.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The element templates supervisors use in Camunda Modeler: each is valid against Camunda's element templates
 * schema (a copy of {@code @camunda/element-templates-json-schema} 0.22.1 in src/test/resources, so the build
 * never needs the internet), names a delegate bean that exists, and every delegate a supervisor may place has
 * one.
 */
class ElementTemplatesTest {

    static final Path TEMPLATES = Path.of("processes/element-templates");
    /** The delegates that make sense anywhere in a model; the others are wired to one step of the process. */
    static final Set<String> PLACEABLE = Set.of("sendPreDueReminderDelegate", "sendOverdueReminderDelegate",
        "sendDunningLetterDelegate", "placeCreditHoldDelegate", "alertSupervisorDelegate", "handOffToAgencyDelegate",
        "handCaseToLegalDelegate", "endAgencyMandateDelegate", "chargeReminderFeeDelegate",
        "chargeLetterFeeDelegate", "sendWrittenReminderDelegate", "chargeWrittenReminderFeeDelegate");
    static final Pattern DELEGATE = Pattern.compile("^\\$\\{(\\w+)}$");
    static final Pattern COMPONENT = Pattern.compile("@Component\\(\"(\\w+)\"\\)");

    static final ObjectMapper JSON = new ObjectMapper();
    static JsonSchema schema;
    static Map<Path, JsonNode> templates = new TreeMap<>();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ElementTemplatesTest.class
            .getResourceAsStream("/element-templates/element-templates-schema-0.22.1.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                templates.put(f, JSON.readTree(f.toFile()));
            }
        }
        assertThat(templates).isNotEmpty();
    }

    @Test
    void everyTemplateIsValidAgainstTheSchema() {
        List<String> problems = new ArrayList<>();
        templates.forEach((file, template) -> {
            for (ValidationMessage m : schema.validate(template)) {
                problems.add(file.getFileName() + ": " + m.getMessage());
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void theSchemaRejectsABrokenTemplate() throws IOException {
        JsonNode broken = JSON.readTree("""
            {"name": "No id", "appliesTo": ["bpmn:ServiceTask"],
             "properties": [{"type": "Hidden", "value": "x", "binding": {"type": "no-such-binding"}}]}""");
        assertThat(schema.validate(broken)).isNotEmpty();
    }

    @Test
    void templatesHaveUniqueIdsLabelsAndExistingDelegates() throws IOException {
        Set<String> beans = new java.util.HashSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = COMPONENT.matcher(Files.readString(source));
                while (m.find()) {
                    beans.add(m.group(1));
                }
            }
        }
        Set<String> ids = new java.util.HashSet<>();
        Set<String> covered = new java.util.HashSet<>();
        templates.forEach((file, template) -> {
            assertThat(ids.add(template.path("id").asText())).as(file + " id is unique").isTrue();
            String delegate = null;
            for (JsonNode p : template.path("properties")) {
                if (!"Hidden".equals(p.path("type").asText())) {
                    assertThat(p.path("label").asText()).as(file + " labels every field it shows").isNotBlank();
                }
                if ("camunda:delegateExpression".equals(p.path("binding").path("name").asText())) {
                    delegate = p.path("value").asText();
                }
            }
            assertThat(delegate).as(file + " binds a delegate").isNotNull();
            Matcher m = DELEGATE.matcher(delegate);
            assertThat(m.matches()).as(file + ": " + delegate).isTrue();
            assertThat(beans).as(file + " names an existing bean").contains(m.group(1));
            covered.add(m.group(1));
        });
        assertThat(covered).containsAll(PLACEABLE);
    }
}
