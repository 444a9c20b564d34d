package com.collectwise.communication;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A text with {@code {name}} placeholders, nothing more: no expressions, no method calls, no loops, so a supervisor
 * who edits a template cannot make the application run anything. {@code {{} and {@code }}} write literal braces.
 * A placeholder the application does not know fails when the template is read (at start), one it knows but did not
 * fill fails when the text is made: a customer never receives a text with a hole or a raw {@code {name}} in it.
 * <p>
 * A line that holds nothing but one placeholder whose value is empty is left out, so optional lines (the fee of
 * this notice, "attn." without a decision maker) need no conditionals.
 */
public final class TextTemplate {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private sealed interface Part permits Literal, Placeholder {
    }

    private record Literal(String text) implements Part {
    }

    private record Placeholder(String name) implements Part {
    }

    private final String origin;
    private final List<List<Part>> lines;
    private final Set<String> names;

    private TextTemplate(String origin, List<List<Part>> lines, Set<String> names) {
        this.origin = origin;
        this.lines = lines;
        this.names = names;
    }

    /**
     * @param origin  where the text comes from, for the error message ("templates/dunning-letter.zh.txt [intro]")
     * @param allowed the placeholder names the application fills
     * @throws IllegalArgumentException on an unknown placeholder or an unbalanced brace
     */
    public static TextTemplate parse(String origin, String text, Set<String> allowed) {
        List<List<Part>> lines = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String line : text.split("\n", -1)) {
            List<Part> parts = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            int i = 0;
            while (i < line.length()) {
                char ch = line.charAt(i);
                if (ch == '{' && line.startsWith("{{", i)) {
                    literal.append('{');
                    i += 2;
                } else if (ch == '}' && line.startsWith("}}", i)) {
                    literal.append('}');
                    i += 2;
                } else if (ch == '{') {
                    int end = line.indexOf('}', i);
                    String name = end < 0 ? null : line.substring(i + 1, end);
                    if (name == null || !NAME.matcher(name).matches()) {
                        throw new IllegalArgumentException(origin + ": '{' must start a placeholder such as {amount}"
                            + " or be written {{ (line: " + line + ")");
                    }
                    if (!allowed.contains(name)) {
                        throw new IllegalArgumentException(origin + ": unknown placeholder {" + name + "}; known here: "
                            + allowed);
                    }
                    if (!literal.isEmpty()) {
                        parts.add(new Literal(literal.toString()));
                        literal.setLength(0);
                    }
                    parts.add(new Placeholder(name));
                    names.add(name);
                    i = end + 1;
                } else if (ch == '}') {
                    throw new IllegalArgumentException(origin + ": a lone '}' must be written }} (line: " + line + ")");
                } else {
                    literal.append(ch);
                    i++;
                }
            }
            if (!literal.isEmpty()) {
                parts.add(new Literal(literal.toString()));
            }
            lines.add(parts);
        }
        return new TextTemplate(origin, lines, Set.copyOf(names));
    }

    /** The placeholders this text uses. */
    public Set<String> names() {
        return names;
    }

    /** @throws IllegalStateException when a placeholder of the text has no value */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (List<Part> line : lines) {
            if (line.size() == 1 && line.get(0) instanceof Placeholder p && value(values, p).isEmpty()) {
                continue;
            }
            if (!first) {
                out.append('\n');
            }
            first = false;
            for (Part part : line) {
                out.append(part instanceof Literal l ? l.text() : value(values, (Placeholder) part));
            }
        }
        return out.toString();
    }

    private String value(Map<String, String> values, Placeholder p) {
        String value = values.get(p.name());
        if (value == null) {
            throw new IllegalStateException(origin + ": no value for {" + p.name() + "}");
        }
        return value;
    }
}
