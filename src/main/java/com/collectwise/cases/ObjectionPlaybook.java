package com.collectwise.cases;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.collectwise.kernel.CaseEngine;

/**
 * The objection playbook as the call form shows it: every rule of the latest Decision_ObjectionPlaybook,
 * rendered as a markdown table, so what supervisors edit in Modeler is what collectors read. A Chinese call form
 * ({@link CallFormWords}) shows the Chinese output columns of the same rules (tacticZh, counterZh, principlesZh).
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

    /** The playbook in English (the English output columns). */
    public String asMarkdown() {
        return asMarkdown(false);
    }

    /** The playbook in the call form's language: a Chinese form shows the 中文 columns ({@code tacticZh} ...). */
    public String asMarkdown(CallFormWords words) {
        return asMarkdown(words.chinese());
    }

    String asMarkdown(boolean chinese) {
        Optional<CaseEngine.DecisionRules> table = engine.latestDecisionRules(DECISION);
        if (table.isEmpty()) {
            return chinese ? "_尚未部署异议应对手册。_" : "_No objection playbook deployed._";
        }
        CaseEngine.DecisionRules rules = table.get();
        if (rules.column("tactic") < 0 || rules.column("counter") < 0) {
            return byPosition(rules);
        }
        boolean principles = rules.column("principles") >= 0;
        StringBuilder md = new StringBuilder(chinese
            ? (principles ? "| 债务人手法 | 应对 | 原则 |\n|---|---|---|\n" : "| 债务人手法 | 应对 |\n|---|---|\n")
            : (principles ? "| Debtor tactic | Counter | Principles |\n|---|---|---|\n" : "| Debtor tactic | Counter |\n|---|---|\n"));
        for (List<String> rule : rules.rules()) {
            md.append("| ").append(cell(entry(rules, rule, "tactic", chinese)))
                .append(" | ").append(cell(entry(rules, rule, "counter", chinese)));
            if (principles) {
                md.append(" | ").append(cell(entry(rules, rule, "principles", chinese)));
            }
            md.append(" |\n");
        }
        return md.toString();
    }

    /** The output {@code name} of a rule; in Chinese its {@code nameZh} twin, the English entry while that is empty. */
    private static String entry(CaseEngine.DecisionRules rules, List<String> rule, String name, boolean chinese) {
        if (chinese) {
            String zh = at(rule, rules.column(name + "Zh"));
            if (!zh.isBlank()) {
                return zh;
            }
        }
        return at(rule, rules.column(name));
    }

    private static String at(List<String> rule, int column) {
        return column < 0 || column >= rule.size() ? "" : unquote(rule.get(column));
    }

    /** A table without output names (older versions): tactic, counter, principles by position. */
    private static String byPosition(CaseEngine.DecisionRules table) {
        // a third output column (the principles 理 情 利 法 that frame the counter) is shown as its own column
        boolean principles = table.outputColumns() > 2;
        StringBuilder md = new StringBuilder(principles
            ? "| Debtor tactic | Counter | Principles |\n|---|---|---|\n" : "| Debtor tactic | Counter |\n|---|---|\n");
        for (List<String> rule : table.rules()) {
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
