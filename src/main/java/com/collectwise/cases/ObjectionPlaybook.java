package com.collectwise.cases;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/**
 * The objection playbook as the call form shows it: every rule of the latest Decision_ObjectionPlaybook,
 * rendered as a markdown table, so what supervisors edit in Modeler is what collectors read.
 */
@Component
public class ObjectionPlaybook {

    public static final String DECISION = com.collectwise.kernel.CaseVariables.DECISION_OBJECTION_PLAYBOOK;
    /** The call form's frame for every counter (DOMAIN.md section 4), kept on the call task. */
    public static final String PRINCIPLES_VARIABLE = "playbookPrinciples";
    public static final String PRINCIPLES = """
        - **理 Reason**: the facts: the invoice, the delivery, the contract, the figures. Calm and exact.
        - **情 Relationship**: the customer is a partner; keep it polite, show understanding, offer help.
        - **利 Interest**: what paying now gains them (credit, deliveries, no fees) and what delay costs.
        - **法 Law**: the formal letter, the agency, the court: state the consequences without threats.""";

    private final RepositoryService repository;

    public ObjectionPlaybook(RepositoryService repository) {
        this.repository = repository;
    }

    public String asMarkdown() {
        DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION)
            .latestVersion().singleResult();
        if (latest == null) {
            return "_No objection playbook deployed._";
        }
        DmnModelInstance model = repository.getDmnModelInstance(latest.getId());
        DecisionTable table = model.getModelElementsByType(DecisionTable.class).iterator().next();
        // a third output column (the principles 理 情 利 法 that frame the counter) is shown as its own column
        boolean principles = table.getOutputs().size() > 2;
        StringBuilder md = new StringBuilder(principles
            ? "| Debtor tactic | Counter | Principles |\n|---|---|---|\n" : "| Debtor tactic | Counter |\n|---|---|\n");
        for (Rule rule : table.getRules()) {
            List<String> outputs = rule.getOutputEntries().stream().map(e -> unquote(e.getTextContent())).toList();
            String tactic = outputs.isEmpty() ? "" : outputs.get(0);
            String counter = principles ? (outputs.size() > 1 ? outputs.get(1) : "")
                : outputs.stream().skip(1).collect(Collectors.joining(" "));
            md.append("| ").append(cell(tactic)).append(" | ").append(cell(counter));
            if (principles) {
                md.append(" | ").append(cell(outputs.size() > 2 ? outputs.get(2) : ""));
            }
            md.append(" |\n");
        }
        return md.toString();
    }

    private static String unquote(String feel) {
        String s = feel == null ? "" : feel.trim();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
