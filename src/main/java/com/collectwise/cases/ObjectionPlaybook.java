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

    public static final String DECISION = "Decision_ObjectionPlaybook";

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
        StringBuilder md = new StringBuilder("| Debtor tactic | Counter |\n|---|---|\n");
        for (Rule rule : table.getRules()) {
            List<String> outputs = rule.getOutputEntries().stream().map(e -> unquote(e.getTextContent())).toList();
            String tactic = outputs.isEmpty() ? "" : outputs.get(0);
            String counter = outputs.stream().skip(1).collect(Collectors.joining(" "));
            md.append("| ").append(cell(tactic)).append(" | ").append(cell(counter)).append(" |\n");
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
