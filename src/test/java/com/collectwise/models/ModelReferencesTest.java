package com.collectwise.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Everything a model refers to exists: forms, decisions, called processes. Reads the source folders
 * (what supervisors open in Modeler), so a broken reference fails the build before anything deploys.
 * The forms are checked against the process-variable contract of the user tasks (COMMON.md).
 */
class ModelReferencesTest {

    private static final Path PROCESSES = Path.of("processes");
    private static final Path FORMS = Path.of("forms");

    /** What each form writes back: exactly the variables the process contract names for its task. */
    private static final Map<String, Set<String>> FORM_WRITES = Map.ofEntries(
        Map.entry("Form_CallCustomer", Set.of("callOutcome", "reachedPerson", "debtorTactic", "promisedAmount",
            "promisedDate", "callNote", "instalmentCount", "firstInstalmentDate", "disputeCategory", "disputedAmount",
            "disputeDescription", "disputedInvoice", "instalmentInvoices", "overdueCause")),
        Map.entry("Form_ApproveAgreement", Set.of("agreementDecision", "decisionReason")),
        Map.entry("Form_ResolveDispute", Set.of("disputeDecision", "decisionReason")),
        Map.entry("Form_VisitCustomer", Set.of("visitOutcome", "decisionMakerMet", "visitReport", "promisedAmount",
            "promisedDate", "overdueCause")),
        Map.entry("Form_ApproveAgencyHandoff", Set.of("agencyDecision", "decisionReason")),
        Map.entry("Form_ReviewLitigation", Set.of("litigationDecision", "decisionReason")),
        Map.entry("Form_FileSuit", Set.of("suitFiledOn", "court", "courtCaseReference", "hearingDate")),
        Map.entry("Form_AttendHearing", Set.of("decisionReason")),
        Map.entry("Form_RecordJudgment", Set.of("judgment", "decisionReason")),
        Map.entry("Form_EnforceJudgment", Set.of("enforcementResult", "decisionReason")),
        Map.entry("Form_ReviewLimitation", Set.of("decisionReason")),
        Map.entry("Form_ApproveWriteOff", Set.of("closingDecision", "buyer", "salePrice", "decisionReason")),
        Map.entry("Form_ClarifyPartialPayment", Set.of("partialPaymentReason")),
        Map.entry("Form_MoveCaseToStage", Set.of("invoiceNumber", "targetStage", "stageChangeReason")),
        Map.entry("Form_RequestWaiver", Set.of("invoiceNumber", "waiverComponent", "waiverAmount", "waiverReason")),
        Map.entry("Form_ApproveWaiver", Set.of("waiverDecision", "decisionReason")));

    /** The values a select or radio may submit, as the models route on them. */
    private static final Map<String, List<String>> CHOICES = Map.ofEntries(
        Map.entry("callOutcome", List.of("PROMISE_TO_PAY", "INSTALMENT_REQUESTED", "DISPUTED", "CALL_BACK", "NO_ANSWER",
            "REFUSED")),
        Map.entry("disputeCategory", List.of("QUALITY", "QUANTITY", "PRICE", "DELIVERY", "DOCUMENTS", "OTHER")),
        Map.entry("agreementDecision", List.of("APPROVE", "REJECT")),
        Map.entry("disputeDecision", List.of("CREDIT_NOTE", "REJECT")),
        Map.entry("debtorTactic", List.of("HIDES", "DRAGS", "DENIES", "DELAYS", "PASSES_ON", "WEARS_DOWN")),
        Map.entry("visitOutcome", List.of("PROMISED_PAYMENT", "CANNOT_PAY", "DENIES_DEBT", "NOT_FOUND")),
        Map.entry("overdueCause", List.of("LONG_PAYMENT_CYCLE", "CASH_TROUBLE", "UNCLEAR_TERMS", "DISPUTE",
            "POOR_COMMUNICATION", "OTHER")),
        Map.entry("agencyDecision", List.of("APPROVE", "LITIGATION", "WRITE_OFF")),
        Map.entry("litigationDecision", List.of("SUE", "WRITE_OFF")),
        Map.entry("judgment", List.of("WON", "SETTLED", "LOST")),
        Map.entry("enforcementResult", List.of("COLLECTED", "FAILED")),
        Map.entry("closingDecision", List.of("WRITE_OFF", "SELL", "CONTINUE_COLLECTION")),
        Map.entry("targetStage", List.of("INTERNAL_REMINDER", "FORMAL_DEMAND", "FIELD_VISIT", "AGENCY", "LITIGATION",
            "WRITE_OFF")),
        Map.entry("waiverComponent", List.of("INTEREST", "FEES", "PRINCIPAL")),
        Map.entry("waiverDecision", List.of("APPROVE", "REJECT")));

    /** Variables the forms may show (case header plus what each task is prepared with). */
    private static final Set<String> SHOWN = Set.of("invoiceNumber", "customerId", "customerName", "segment",
        "collector", "decisionMaker", "currency", "invoiceAmount", "outstandingAmount", "creditTermDays", "dueDate",
        "daysOverdue", "stage", "amountToCollect", "brokenPromise", "contactHistory", "objectionPlaybook", "agencyCostBenefit",
        "litigationCostBenefit", "lastPaymentAmount", "promisesKept", "promisesBroken", "openDisputedAmount",
        "agreementTotal", "customerPlansTotal", "agreementWaivesInterest", "instalmentCount", "disputeCategory", "disputedAmount", "disputeDescription",
        "limitationDate", "waiverComponent", "waiverAmount", "waiverReason", "waiverRequestedBy", "statementAsOf",
        "openPrincipal", "openInterest", "openFees", "customerInvoices", "customerPromises", "playbookPrinciples",
        "callTotal", "stageName", "outstandingFigures", "afterFormalLetter");

    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{\\{\\s*(?:#if\\s+)?([A-Za-z_][A-Za-z0-9_]*)");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, JsonNode> formsById;
    /** Chinese forms (id {@code <form>_zh}, file {@code <form>.zh.form}) by the id of the form they translate. */
    private static Map<String, JsonNode> chineseForms;
    /** {@code ${screenForms.form('Form_X')}}: the installation's screen language picks Form_X or Form_X_zh. */
    private static final Pattern BY_SCREEN_LANGUAGE = Pattern.compile("\\$\\{screenForms\\.form\\('([A-Za-z_]+)'\\)}");

    @BeforeAll
    static void readForms() throws IOException {
        formsById = new HashMap<>();
        chineseForms = new HashMap<>();
        for (Path file : files(FORMS, ".form")) {
            JsonNode form = JSON.readTree(file.toFile());
            String id = form.path("id").asText(null);
            assertThat(id).as(file + " has an id").isNotBlank();
            if (id.endsWith("_zh")) {
                String base = id.substring(0, id.length() - 3);
                assertThat(chineseForms.put(base, form)).as("form id " + id + " is used once").isNull();
                assertThat(file.getFileName().toString()).as("file name of " + id).isEqualTo(kebab(base) + ".zh.form");
                continue;
            }
            assertThat(formsById.put(id, form)).as("form id " + id + " is used once").isNull();
            assertThat(file.getFileName().toString()).as("file name of " + id).isEqualTo(kebab(id) + ".form");
        }
    }

    @Test
    void everyReferenceOfEveryModelResolves() throws IOException {
        List<BpmnModelInstance> models = new ArrayList<>();
        for (Path file : files(PROCESSES, ".bpmn")) {
            models.add(Bpmn.readModelFromFile(file.toFile()));
        }
        Set<String> processIds = new HashSet<>();
        models.forEach(m -> m.getModelElementsByType(Process.class).forEach(p -> processIds.add(p.getId())));
        Set<String> decisionIds = new HashSet<>();
        for (Path file : files(PROCESSES, ".dmn")) {
            Dmn.readModelFromFile(file.toFile()).getModelElementsByType(Decision.class)
                .forEach(d -> decisionIds.add(d.getId()));
        }

        List<String> missing = new ArrayList<>();
        for (BpmnModelInstance model : models) {
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                checkForm(task.getId(), task.getCamundaFormRef(), task.getCamundaFormKey(), missing);
                // a user task's form follows the screen language; only start forms cannot (the engine does not
                // evaluate a start event's formRef), see ScreenFormsProcessTest
                if (task.getCamundaFormRef() != null && !BY_SCREEN_LANGUAGE.matcher(task.getCamundaFormRef()).matches()) {
                    missing.add(task.getId() + ": formRef " + task.getCamundaFormRef() + " is not ${screenForms.form('...')}");
                }
            }
            for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
                checkForm(start.getId(), start.getCamundaFormRef(), start.getCamundaFormKey(), missing);
            }
            for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
                String ref = task.getCamundaDecisionRef();
                if (ref != null && !isExpression(ref) && !decisionIds.contains(ref)) {
                    missing.add(task.getId() + ": no DMN decision " + ref);
                }
            }
            for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
                String ref = call.getCalledElement();
                if (ref != null && !isExpression(ref) && !processIds.contains(ref)) {
                    missing.add(call.getId() + ": no process " + ref);
                }
            }
        }
        assertThat(missing).as("unresolved references in processes/").isEmpty();
    }

    private static void checkForm(String elementId, String formRef, String formKey, List<String> missing) {
        Matcher byLanguage = formRef == null ? null : BY_SCREEN_LANGUAGE.matcher(formRef);
        if (byLanguage != null && byLanguage.matches()) {
            if (!formsById.containsKey(byLanguage.group(1)) || !chineseForms.containsKey(byLanguage.group(1))) {
                missing.add(elementId + ": no form " + byLanguage.group(1) + " with its Chinese form in forms/");
            }
            return;
        }
        if (formRef != null && !isExpression(formRef) && !formsById.containsKey(formRef)) {
            missing.add(elementId + ": no form with id " + formRef + " in forms/");
        }
        String deployed = "camunda-forms:deployment:";
        if (formKey != null && formKey.startsWith(deployed)) {
            String name = formKey.substring(deployed.length());
            if (!Files.exists(FORMS.resolve(Path.of(name).getFileName()))) {
                missing.add(elementId + ": no form file " + name);
            }
        }
    }

    @Test
    void everyFormIsACamundaFormOfTheSupportedSchema() {
        assertThat(formsById.keySet()).containsExactlyInAnyOrderElementsOf(FORM_WRITES.keySet());
        formsById.forEach((id, form) -> {
            assertThat(form.path("type").asText()).as(id).isEqualTo("default");
            assertThat(form.path("components").isArray()).as(id + " components").isTrue();
            assertThat(form.path("components")).as(id + " components").isNotEmpty();
            // Tasklist 7.24 bundles form-js with schema version 16
            assertThat(form.path("schemaVersion").asInt()).as(id).isBetween(1, 16);
            Set<String> componentIds = new HashSet<>();
            for (JsonNode component : components(form)) {
                assertThat(componentIds.add(component.path("id").asText())).as(id + " component ids unique").isTrue();
            }
        });
    }

    /**
     * A Chinese form differs from its English one in words only: the same components in the same order, the same
     * keys, choices, validation and conditions, and the same variables shown, so what a collector submits does not
     * depend on the screen language.
     */
    @Test
    void theChineseFormsAreTheirEnglishFormsInOtherWords() {
        assertThat(chineseForms.keySet()).as("every form has its Chinese form")
            .containsExactlyInAnyOrderElementsOf(formsById.keySet());
        chineseForms.forEach((base, zh) -> {
            JsonNode en = formsById.get(base);
            assertThat(en).as("English form of " + base + "_zh").isNotNull();
            assertThat(structure(zh)).as(base + "_zh against " + base).isEqualTo(structure(en));
            assertThat(variablesShown(texts(zh))).as("variables shown by " + base + "_zh")
                .isEqualTo(variablesShown(texts(en)));
            assertThat(texts(zh)).as(base + "_zh is in Chinese").containsPattern("\\p{IsHan}");
            for (JsonNode component : components(zh)) {
                for (JsonNode value : component.path("values")) {
                    assertThat(value.path("label").asText()).as(base + "_zh choice " + value.path("value"))
                        .containsPattern("\\p{IsHan}");
                }
            }
        });
    }

    /** Everything of a form but its words. */
    private static List<String> structure(JsonNode form) {
        List<String> all = new ArrayList<>();
        for (JsonNode component : components(form)) {
            List<String> values = new ArrayList<>();
            component.path("values").forEach(v -> values.add(v.path("value").asText()));
            all.add(String.join("|", component.path("type").asText(), component.path("id").asText(),
                component.path("key").asText(), component.path("subtype").asText(), values.toString(),
                component.path("validate").toString(), component.path("conditional").toString(),
                component.path("decimalDigits").toString(), component.path("disallowPassedDates").toString()));
        }
        return all;
    }

    private static Set<String> variablesShown(String texts) {
        Set<String> names = new java.util.TreeSet<>();
        Matcher m = TEMPLATE_VARIABLE.matcher(texts);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void everyFormWritesExactlyTheVariablesOfItsTask() {
        formsById.forEach((id, form) ->
            assertThat(keys(form)).as("keys of " + id).containsExactlyInAnyOrderElementsOf(FORM_WRITES.get(id)));
    }

    @Test
    void theCallFormWritesTheCallOutcomeAndAsksForAPromiseOnlyWhenThereIsOne() {
        JsonNode call = formsById.get("Form_CallCustomer");
        assertThat(keys(call)).containsExactlyInAnyOrder("callOutcome", "reachedPerson", "debtorTactic",
            "promisedAmount", "promisedDate", "callNote", "instalmentCount", "firstInstalmentDate", "disputeCategory",
            "disputedAmount", "disputeDescription", "disputedInvoice", "instalmentInvoices", "overdueCause");

        JsonNode outcome = field(call, "callOutcome");
        assertThat(outcome.path("validate").path("required").asBoolean()).isTrue();
        for (String promiseField : List.of("promisedAmount", "promisedDate")) {
            JsonNode promise = field(call, promiseField);
            assertThat(promise.path("validate").path("required").asBoolean()).as(promiseField).isTrue();
            assertThat(promise.path("conditional").path("hide").asText()).as(promiseField)
                .isEqualTo("=callOutcome != \"PROMISE_TO_PAY\"");
        }
        assertThat(field(call, "promisedAmount").path("validate").path("min").decimalValue())
            .isEqualByComparingTo("0.01");
        assertThat(field(call, "promisedDate").path("subtype").asText()).isEqualTo("date");
        assertThat(field(call, "debtorTactic").path("validate").path("required").asBoolean()).isFalse();

        String shown = texts(call);
        assertThat(shown).contains("{{amountToCollect}}", "{{currency}}", "{{daysOverdue}}", "{{dueDate}}",
            "{{decisionMaker}}", "brokenPromise", "{{contactHistory}}", "{{objectionPlaybook}}", "{{customerInvoices}}",
            "{{customerPromises}}", "{{playbookPrinciples}}", "理 情 利 法");
        assertThat(shown).containsIgnoringCase("say the amount").containsIgnoringCase("urgency")
            .containsIgnoringCase("polite").containsIgnoringCase("offer help");
    }

    /** The Chinese visit form says what the English one says: no decision maker met, a second visit, then the supervisor. */
    @Test
    void theChineseVisitFormTellsWhatFollowsAVisitWithoutTheDecisionMaker() {
        assertThat(texts(formsById.get("Form_VisitCustomer"))).contains("a second visit follows, then the supervisor");
        assertThat(texts(chineseForms.get("Form_VisitCustomer"))).contains("第二次上门拜访", "主管");
    }

    @Test
    void choicesSubmitExactlyTheContractValues() {
        formsById.forEach((id, form) -> {
            for (JsonNode component : components(form)) {
                String key = component.path("key").asText(null);
                if (component.has("values")) {
                    assertThat(CHOICES).as(id + " has a contract for " + key).containsKey(key);
                    List<String> values = new ArrayList<>();
                    component.path("values").forEach(v -> values.add(v.path("value").asText()));
                    assertThat(values).as(id + "." + key).containsExactlyElementsOf(CHOICES.get(key));
                }
            }
        });
    }

    @Test
    void requiredOnlyWhereTheContractSaysSoAndAmountsArePositive() {
        assertRequired("Form_VisitCustomer", "visitReport", "visitOutcome");
        assertRequired("Form_ApproveAgencyHandoff", "agencyDecision", "decisionReason");
        assertRequired("Form_ApproveWriteOff", "closingDecision", "decisionReason", "buyer", "salePrice");
        assertRequired("Form_ClarifyPartialPayment", "partialPaymentReason");
        assertRequired("Form_ApproveAgreement", "agreementDecision", "decisionReason");
        assertRequired("Form_ResolveDispute", "disputeDecision", "decisionReason");
        assertRequired("Form_CallCustomer", "instalmentCount", "firstInstalmentDate", "disputeCategory", "disputedAmount");
        assertRequired("Form_MoveCaseToStage", "invoiceNumber", "targetStage", "stageChangeReason");
        assertRequired("Form_RequestWaiver", "invoiceNumber", "waiverComponent", "waiverAmount", "waiverReason");
        assertRequired("Form_ApproveWaiver", "waiverDecision", "decisionReason");
        assertThat(field(formsById.get("Form_RequestWaiver"), "waiverAmount").path("validate").path("min").decimalValue())
            .isEqualByComparingTo("0.01");
        JsonNode writeOff = formsById.get("Form_ApproveWriteOff");
        for (String saleField : List.of("buyer", "salePrice")) {
            assertThat(field(writeOff, saleField).path("conditional").path("hide").asText())
                .isEqualTo("=closingDecision != \"SELL\"");
        }
        assertThat(field(writeOff, "salePrice").path("validate").path("min").decimalValue())
            .isEqualByComparingTo("0.01");
    }

    @Test
    void textsShowOnlyContractVariables() {
        formsById.forEach((id, form) -> {
            Matcher m = TEMPLATE_VARIABLE.matcher(texts(form));
            while (m.find()) {
                assertThat(SHOWN).as(id + " shows {{" + m.group(1) + "}}").contains(m.group(1));
            }
        });
    }

    private void assertRequired(String formId, String... keys) {
        for (String key : keys) {
            assertThat(field(formsById.get(formId), key).path("validate").path("required").asBoolean())
                .as(formId + "." + key + " required").isTrue();
        }
    }

    private static List<JsonNode> components(JsonNode container) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode component : container.path("components")) {
            all.add(component);
            all.addAll(components(component));
        }
        return all;
    }

    private static Set<String> keys(JsonNode form) {
        Set<String> keys = new LinkedHashSet<>();
        components(form).stream().filter(c -> c.hasNonNull("key")).forEach(c -> keys.add(c.get("key").asText()));
        return keys;
    }

    private static JsonNode field(JsonNode form, String key) {
        return components(form).stream().filter(c -> key.equals(c.path("key").asText())).findFirst()
            .orElseThrow(() -> new AssertionError("no field " + key));
    }

    /** Everything a form displays: text views and the (templated) labels. */
    private static String texts(JsonNode form) {
        StringBuilder all = new StringBuilder();
        for (JsonNode component : components(form)) {
            for (String property : List.of("text", "label", "dateLabel", "description")) {
                all.append(component.path(property).asText("")).append('\n');
            }
        }
        return all.toString();
    }

    private static boolean isExpression(String value) {
        return value.contains("${") || value.contains("#{");
    }

    private static String kebab(String formId) {
        return formId.replaceFirst("^Form_", "").replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static List<Path> files(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
