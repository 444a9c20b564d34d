package com.collectwise.cases;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseEngine;

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

    private final CaseEngine engine;

    public ObjectionPlaybook(CaseEngine engine) {
        this.engine = engine;
    }

    public String asMarkdown() {
        Optional<CaseEngine.DecisionRules> table = engine.latestDecisionRules(DECISION);
        if (table.isEmpty()) {
            return "_No objection playbook deployed._";
        }
        // a third output column (the principles 理 情 利 法 that frame the counter) is shown as its own column
        boolean principles = table.get().outputColumns() > 2;
        StringBuilder md = new StringBuilder(principles
            ? "| Debtor tactic | Counter | Principles |\n|---|---|---|\n" : "| Debtor tactic | Counter |\n|---|---|\n");
        for (List<String> rule : table.get().rules()) {
            List<String> outputs = rule.stream().map(ObjectionPlaybook::unquote).toList();
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
