package com.collectwise.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One way to glue Java to a model (issue 19): every task that runs Java names a bean of its own class, called
 * after the task ({@code Task_SendDunningLetter} runs {@code sendDunningLetterDelegate}, class
 * {@code SendDunningLetterDelegate}; a task placed from an element template {@code com.collectwise.X} runs the
 * template's {@code xDelegate}); listeners are classes too, never an expression that does something; models
 * only read in expressions; and the ids of the models appear in Java only in the contract
 * ({@link com.collectwise.kernel.CaseVariables}). Reads the source folders, like {@link ModelReferencesTest}.
 */
class ModelGlueTest {

    static final Path PROCESSES = Path.of("processes");
    static final Path TEMPLATES = Path.of("processes/element-templates");
    static final Path SOURCES = Path.of("src/main/java");
    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    /** The one place in Java where the ids of the models are written out. */
    static final Set<String> CONTRACT = Set.of("com/collectwise/kernel/CaseVariables.java");

    /**
     * The calls an expression in a model may make: lookups that change nothing (the form of the screen
     * language, the decision's result, whether the invoice is fully disputed, date arithmetic, reading a variable).
     */
    static final Set<String> READ_ONLY_CALLS = Set.of("screenForms.form", "decisionResult.getSingleResult",
        "fullDispute.isOpen", "dateTime", "plusDays", "toDate", "execution.getVariable",
        // the case plan (kernel/CasePlans): readers of the one casePlan variable, and the pure conversion of the
        // policy decision's result into a plan value in the policy task's output mapping
        "plan.preDueReminderAt", "plan.overdueAt", "plan.formalDemandAt", "plan.fieldVisitAt", "plan.agencyAt",
        "plan.fieldVisit", "plan.agencyMandateDuration", "plan.entryStage", "plan.writtenReminderDays",
        "plan.fromPolicy",
        // whether the formal demand date has come (the engine clock against the plan): the gateway after the pre-due
        // stage of a term so short that the demand falls on the first overdue day
        "plan.formalDemandDue",
        // the customer of the case and its stage entry, read from its invoice (kernel/CaseFacts) for the processes
        // a case calls
        "caseFacts.customerId", "caseFacts.stageEntry",
        // when the next written reminder after the letter is due (communication/WrittenReminderSchedule: reads the
        // outbox, writes nothing)
        "writtenReminderSchedule.nextDue");

    static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
    static final Pattern CALL = Pattern.compile("((?:\\w+\\.)?\\w+)\\s*\\(");
    static final Pattern BEAN = Pattern.compile("^\\$\\{(\\w+)}$");
    static final Pattern COMPONENT = Pattern.compile("@Component\\(\"(\\w+)\"\\)[^{]*?\\bclass\\s+(\\w+)", Pattern.DOTALL);
    static final Pattern STRING_LITERAL = Pattern.compile("\"([A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+)\"");

    static Map<Path, Document> models = new TreeMap<>();
    /** Bean name to class name of every {@code @Component("name")} in the sources. */
    static Map<String, String> components = new HashMap<>();
    /** Template id to (version, delegate bean). */
    static Map<String, JsonNode> templates = new HashMap<>();

    @BeforeAll
    static void read() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        for (Path file : files(PROCESSES, ".bpmn")) {
            models.put(file, factory.newDocumentBuilder().parse(file.toFile()));
        }
        for (Path source : files(SOURCES, ".java")) {
            Matcher m = COMPONENT.matcher(Files.readString(source));
            while (m.find()) {
                components.put(m.group(1), m.group(2));
            }
        }
        ObjectMapper json = new ObjectMapper();
        for (Path file : files(TEMPLATES, ".json")) {
            JsonNode template = json.readTree(file.toFile());
            templates.put(template.path("id").asText(), template);
        }
        assertThat(models).isNotEmpty();
    }

    @Test
    void expressionsInTheModelsOnlyRead() {
        List<String> problems = new ArrayList<>();
        models.forEach((file, model) -> walk(model.getDocumentElement(), element -> {
            String where = file.getFileName() + " " + owner(element);
            if (isCamunda(element, "executionListener") || isCamunda(element, "taskListener")) {
                if (element.hasAttribute("expression")) {
                    problems.add(where + ": listener expression " + element.getAttribute("expression")
                        + " (a listener is a class: camunda:delegateExpression)");
                }
                if (element.hasAttribute("class")) {
                    problems.add(where + ": listener class " + element.getAttribute("class"));
                }
            }
            if (element.hasAttributeNS(CAMUNDA, "expression")) {
                problems.add(where + ": camunda:expression " + element.getAttributeNS(CAMUNDA, "expression")
                    + " (a task that does something is a delegate class)");
            }
            if (element.hasAttributeNS(CAMUNDA, "class")) {
                problems.add(where + ": camunda:class " + element.getAttributeNS(CAMUNDA, "class"));
            }
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < element.getAttributes().getLength(); i++) {
                texts.add(element.getAttributes().item(i).getNodeValue());
            }
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                    texts.add(child.getNodeValue());
                }
            }
            for (String text : texts) {
                Matcher expression = EXPRESSION.matcher(text);
                while (expression.find()) {
                    Matcher call = CALL.matcher(expression.group(1));
                    while (call.find()) {
                        if (!READ_ONLY_CALLS.contains(call.group(1))) {
                            problems.add(where + ": " + expression.group() + " calls " + call.group(1)
                                + " (writing variables or changing data belongs in a class or an input/output mapping)");
                        }
                    }
                }
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyDelegateIsABeanNamedAfterItsTask() {
        List<String> problems = new ArrayList<>();
        models.forEach((file, model) -> walk(model.getDocumentElement(), element -> {
            String where = file.getFileName() + " " + owner(element);
            String expression = element.hasAttributeNS(CAMUNDA, "delegateExpression")
                ? element.getAttributeNS(CAMUNDA, "delegateExpression")
                : isCamunda(element, "executionListener") || isCamunda(element, "taskListener")
                    ? element.getAttribute("delegateExpression") : "";
            if (expression.isEmpty()) {
                return;
            }
            Matcher bean = BEAN.matcher(expression);
            if (!bean.matches()) {
                problems.add(where + ": " + expression + " is not a plain bean reference");
                return;
            }
            String name = bean.group(1);
            if (!components.containsKey(name)) {
                problems.add(where + ": " + name + " is no @Component(\"" + name + "\") class");
            } else if (!components.get(name).equals(capitalize(name))) {
                problems.add(where + ": bean " + name + " is class " + components.get(name));
            }
            if (element.hasAttributeNS(CAMUNDA, "delegateExpression")) {
                Set<String> expected = expectedDelegates(element);
                if (!expected.contains(name)) {
                    problems.add(where + ": runs " + name + ", named after its task it would be one of " + expected);
                }
            } else if (isCamunda(element, "taskListener")) {
                Set<String> expected = expectedListeners(element);
                if (!expected.contains(name)) {
                    problems.add(where + ": task listener " + name + ", named after its task it would be one of "
                        + expected);
                }
            } else if (!name.endsWith("Listener")) {
                problems.add(where + ": listener " + name + " is not named ...Listener");
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyDelegateAndListenerClassIsUsedByAModel() throws IOException {
        Set<String> used = new HashSet<>();
        Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(String.join("\n", readAll(files(PROCESSES, ".bpmn"))));
        while (m.find()) {
            used.add(m.group(1));
        }
        List<String> unused = new ArrayList<>();
        for (Path source : files(SOURCES, ".java")) {
            String text = Files.readString(source);
            Matcher bean = COMPONENT.matcher(text);
            if (text.matches("(?s).*implements\\s+[^{]*\\b(JavaDelegate|TaskListener|ExecutionListener)\\b.*")
                && bean.find() && !used.contains(bean.group(1))) {
                unused.add(bean.group(1));
            }
        }
        assertThat(unused).as("delegates and listeners no model runs").isEmpty();
    }

    /** The values the listener and delegate classes accept for each extension property they read. */
    static final Map<String, Set<String>> PROPERTY_VALUES = Map.of(
        "stage", names(com.collectwise.kernel.Stage.values()),
        "alert", names(com.collectwise.communication.AlertSupervisorDelegate.Alert.values()),
        "agencyOutcome", Set.of("COLLECTED", "UNCOLLECTIBLE"),
        "litigationOutcome", Set.of("COLLECTED", "ENFORCEMENT_FAILED", "SETTLED", "LOST", "WRITE_OFF"),
        // supervision.ProcessVersionService starts the activity beside this one in a case migrated while in it
        "runsBeside", Set.of("Task_VisitCustomer"));

    @Test
    void extensionPropertiesHaveValuesTheCodeKnows() {
        List<String> problems = new ArrayList<>();
        models.forEach((file, model) -> walk(model.getDocumentElement(), element -> {
            if (isCamunda(element, "property")) {
                String name = element.getAttribute("name");
                String value = element.getAttribute("value");
                if (!PROPERTY_VALUES.containsKey(name)) {
                    problems.add(file.getFileName() + " " + owner(element) + ": no class reads property " + name);
                } else if (!PROPERTY_VALUES.get(name).contains(value)) {
                    problems.add(file.getFileName() + " " + owner(element) + ": " + name + "=" + value
                        + " is none of " + PROPERTY_VALUES.get(name));
                }
            }
        }));
        assertThat(problems).isEmpty();
    }

    static Set<String> names(Enum<?>[] values) {
        return Stream.of(values).map(Enum::name).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void tasksPlacedFromATemplateMatchTheTemplate() {
        List<String> problems = new ArrayList<>();
        models.forEach((file, model) -> walk(model.getDocumentElement(), element -> {
            if (!element.hasAttributeNS(CAMUNDA, "modelerTemplate")) {
                return;
            }
            String where = file.getFileName() + " " + owner(element);
            String id = element.getAttributeNS(CAMUNDA, "modelerTemplate");
            JsonNode template = templates.get(id);
            if (template == null) {
                problems.add(where + ": no element template " + id);
                return;
            }
            String version = template.path("version").asText();
            if (!version.equals(element.getAttributeNS(CAMUNDA, "modelerTemplateVersion"))) {
                problems.add(where + ": template " + id + " is version " + version + ", the model has "
                    + element.getAttributeNS(CAMUNDA, "modelerTemplateVersion"));
            }
            for (JsonNode p : template.path("properties")) {
                String binding = p.path("binding").path("name").asText();
                if ("Hidden".equals(p.path("type").asText()) && binding.startsWith("camunda:")
                    && !p.path("binding").path("type").asText().equals("camunda:property")
                    && !p.path("value").asText().equals(element.getAttributeNS(CAMUNDA, binding.substring(8)))) {
                    problems.add(where + ": " + binding + " differs from template " + id);
                }
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void modelIdsAreWrittenOutOnlyInTheContract() throws IOException {
        Set<String> ids = new HashSet<>();
        Pattern id = Pattern.compile("(?:id|name|messageRef|calledElement|decisionRef|escalationCode|errorCode)"
            + "=\"([A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+)\"");
        for (Path file : files(PROCESSES, ".bpmn", ".dmn")) {
            Matcher m = id.matcher(Files.readString(file));
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        List<String> problems = new ArrayList<>();
        for (Path source : files(SOURCES, ".java")) {
            String relative = SOURCES.relativize(source).toString().replace('\\', '/');
            if (CONTRACT.contains(relative)) {
                continue;
            }
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = STRING_LITERAL.matcher(lines.get(i));
                while (m.find()) {
                    if (ids.contains(m.group(1))) {
                        problems.add(relative + ":" + (i + 1) + " \"" + m.group(1) + "\"");
                    }
                }
            }
        }
        assertThat(problems).as("model ids belong in the contract (CaseVariables)").isEmpty();
    }

    @Test
    void delegatesDoNotBranchOnWhereTheModelPlacesThem() throws IOException {
        Pattern glue = Pattern.compile("implements\\s+[^{]*\\b(JavaDelegate|TaskListener|ExecutionListener)\\b");
        Pattern where = Pattern.compile("(getCurrentActivityId|getTaskDefinitionKey)\\(\\)");
        Pattern held = Pattern.compile("(\\w+)\\s*=\\s*\\w+\\.(getCurrentActivityId|getTaskDefinitionKey)\\(\\)");
        List<String> problems = new ArrayList<>();
        for (Path source : files(SOURCES, ".java")) {
            String text = Files.readString(source);
            if (!glue.matcher(text).find()) {
                continue;
            }
            boolean branches = Pattern.compile(where.pattern() + "\\s*\\.\\s*(equals|startsWith|endsWith|contains)").matcher(text).find()
                || Pattern.compile("(equals|switch)\\s*\\([^;]*" + where.pattern()).matcher(text).find();
            Matcher m = held.matcher(text);
            while (m.find()) {
                branches |= Pattern.compile("(equals\\(\\s*|switch\\s*\\(\\s*)" + m.group(1) + "\\b|\\b" + m.group(1)
                    + "\\.(equals|startsWith|endsWith|contains)\\(").matcher(text).find();
            }
            if (branches) {
                problems.add(SOURCES.relativize(source) + " asks where the model placed it");
            }
        }
        assertThat(problems).as("the model passes the behaviour by a property or a class of its own").isEmpty();
    }

    /**
     * {@code Task_SendDunningLetter} runs {@code sendDunningLetterDelegate}; a task placed from the element
     * template {@code com.collectwise.AlertSupervisor} runs {@code alertSupervisorDelegate}.
     */
    static String expectedDelegate(Element task) {
        String template = task.getAttributeNS(CAMUNDA, "modelerTemplate");
        String name = template.startsWith("com.collectwise.") ? template.substring("com.collectwise.".length())
            : task.getAttribute("id").replaceFirst("^Task_", "");
        return Character.toLowerCase(name.charAt(0)) + name.substring(1) + "Delegate";
    }

    /**
     * A task placed from a template runs the template's delegate; any other runs the one named after its id or, where
     * several tasks do the same job, after the name they share (both *Close kept agreement* tasks of
     * Process_InstalmentAgreement run {@code closeKeptAgreementDelegate}).
     */
    static Set<String> expectedDelegates(Element task) {
        Set<String> expected = new java.util.TreeSet<>();
        expected.add(expectedDelegate(task));
        if (task.getAttributeNS(CAMUNDA, "modelerTemplate").isEmpty()) {
            String shared = camelCase(task.getAttribute("name"));
            if (!shared.isEmpty()) {
                expected.add(shared + "Delegate");
            }
        }
        return expected;
    }

    /** "Close kept agreement" -> closeKeptAgreement (empty for no name). */
    static String camelCase(String label) {
        String[] words = label.trim().split("[^A-Za-z0-9]+");
        if (words.length == 0 || words[0].isEmpty()) {
            return "";
        }
        StringBuilder name = new StringBuilder(words[0].toLowerCase(java.util.Locale.ROOT));
        for (int i = 1; i < words.length; i++) {
            name.append(capitalize(words[i].toLowerCase(java.util.Locale.ROOT)));
        }
        return name.toString();
    }

    /**
     * The task listener of {@code Task_ApproveWaiver} is {@code approveWaiverListener}, after the task's id; a
     * listener that serves several tasks doing the same job is named after the name they share (every task named
     * "Call customer", wherever a supervisor places one, runs {@code callCustomerListener}).
     */
    static Set<String> expectedListeners(Element listener) {
        Element task = (Element) listener.getParentNode().getParentNode();
        String id = task.getAttribute("id").replaceFirst("^Task_", "");
        Set<String> expected = new java.util.TreeSet<>();
        expected.add(Character.toLowerCase(id.charAt(0)) + id.substring(1) + "Listener");
        String[] words = task.getAttribute("name").trim().split("[^A-Za-z0-9]+");
        if (words.length > 0 && !words[0].isEmpty()) {
            StringBuilder name = new StringBuilder(words[0].toLowerCase(java.util.Locale.ROOT));
            for (int i = 1; i < words.length; i++) {
                name.append(capitalize(words[i].toLowerCase(java.util.Locale.ROOT)));
            }
            expected.add(name + "Listener");
        }
        return expected;
    }

    /**
     * The names task listeners had before they were named after their tasks stay aliases for the cases on earlier
     * model versions ({@code supervision.ListenerNamesOfEarlierVersions}): each points at a listener a model runs
     * now, and no model uses a former name any more.
     */
    @Test
    void formerListenerNamesPointAtTheListenersOfTheirTasks() throws IOException {
        String models = String.join("\n", readAll(files(PROCESSES, ".bpmn")));
        List<String> problems = new ArrayList<>();
        com.collectwise.supervision.ListenerNamesOfEarlierVersions.FORMER_NAMES.forEach((former, now) -> {
            if (!components.containsKey(now) || !models.contains("\"${" + now + "}\"")) {
                problems.add(former + " -> " + now + ", which is no listener a model runs");
            }
            if (components.containsKey(former)) {
                problems.add(former + " is a bean of its own (" + components.get(former) + "), not an alias");
            }
            if (models.contains("${" + former + "}")) {
                problems.add("a model still runs the former name " + former);
            }
        });
        assertThat(problems).isEmpty();
    }

    /**
     * The names delegates had before tasks doing the same job shared one class stay aliases for the cases on earlier
     * model versions ({@code supervision.DelegateNamesOfEarlierVersions}): each points at a delegate a model runs now,
     * is no class of its own, and no model uses it any more.
     */
    @Test
    void formerDelegateNamesPointAtTheDelegatesOfTheirTasks() throws IOException {
        String models = String.join("\n", readAll(files(PROCESSES, ".bpmn")));
        List<String> problems = new ArrayList<>();
        assertThat(com.collectwise.supervision.DelegateNamesOfEarlierVersions.FORMER_NAMES).isNotEmpty();
        com.collectwise.supervision.DelegateNamesOfEarlierVersions.FORMER_NAMES.forEach((former, now) -> {
            if (!components.containsKey(now) || !models.contains("\"${" + now + "}\"")) {
                problems.add(former + " -> " + now + ", which is no delegate a model runs");
            }
            if (components.containsKey(former)) {
                problems.add(former + " is a bean of its own (" + components.get(former) + "), not an alias");
            }
            if (models.contains("${" + former + "}")) {
                problems.add("a model still runs the former name " + former);
            }
        });
        assertThat(problems).isEmpty();
    }

    static String capitalize(String bean) {
        return Character.toUpperCase(bean.charAt(0)) + bean.substring(1);
    }

    static boolean isCamunda(Element element, String localName) {
        return CAMUNDA.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
    }

    /** The nearest BPMN element with an id (listeners sit in extension elements). */
    static String owner(Element element) {
        for (Node n = element; n != null; n = n.getParentNode()) {
            if (n instanceof Element e && e.hasAttribute("id")) {
                return e.getAttribute("id");
            }
        }
        return "?";
    }

    static void walk(Element element, java.util.function.Consumer<Element> visit) {
        visit.accept(element);
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                walk(child, visit);
            }
        }
    }

    static List<String> readAll(List<Path> files) throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path f : files) {
            texts.add(Files.readString(f));
        }
        return texts;
    }

    static List<Path> files(Path folder, String... suffixes) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(p -> Stream.of(suffixes).anyMatch(s -> p.toString().endsWith(s))).sorted().toList();
        }
    }
}
