package com.collectwise.api;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * The problems of one request as the API lists them: one per field (a value that could not be read first, then the
 * first rule it breaks), in the order of the record's fields, list elements in their order.
 */
public final class FieldProblems {

    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private FieldProblems() {
    }

    /** A problem and whether it was found while reading the value (those win over the rules). */
    public record Found(FieldProblem problem, boolean unreadable) {
    }

    /**
     * The problems of a request record checked with {@code @Valid}: those found while reading it (see
     * {@link RequestBodies}) and the rules it breaks. A controller that takes the {@link BindingResult} itself (it
     * answers 404 or 409 before a bad body) answers them with {@link InvalidRequestException#of(Errors)}.
     */
    public static List<FieldProblem> of(Errors errors) {
        return of(errors, List.of());
    }

    /**
     * As {@link #of(Errors)}, with the problems rules outside the record found (the service's rules that need the
     * stored data): one per field, the record's first, in the order of the record's fields.
     */
    public static List<FieldProblem> of(Errors errors, List<FieldProblem> more) {
        List<Found> found = new ArrayList<>();
        for (ObjectError error : errors.getAllErrors()) {
            String field = error instanceof FieldError fieldError ? fieldError.getField() : "body";
            boolean unreadable = Arrays.asList(error.getCodes() == null ? new String[0] : error.getCodes())
                .contains(RequestBodies.UNREADABLE);
            found.add(new Found(new FieldProblem(field, error.getDefaultMessage()), unreadable));
        }
        for (FieldProblem problem : more) {
            found.add(new Found(problem, false));
        }
        Object target = errors instanceof BindingResult result ? result.getTarget() : null;
        return of(target == null ? null : target.getClass(), found);
    }

    public static List<FieldProblem> of(Class<?> type, List<Found> found) {
        Map<String, FieldProblem> byField = new LinkedHashMap<>();
        found.stream().filter(Found::unreadable).forEach(f -> byField.putIfAbsent(f.problem().field(), f.problem()));
        found.stream().filter(f -> !f.unreadable()).forEach(f -> byField.putIfAbsent(f.problem().field(), f.problem()));
        List<FieldProblem> problems = new ArrayList<>(byField.values());
        List<String> order = new ArrayList<>();
        if (type != null && type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                order.add(component.getName());
            }
        }
        problems.sort(Comparator.comparingInt((FieldProblem p) -> position(order, p.field()))
            .thenComparing(p -> padded(p.field())));
        return problems;
    }

    private static int position(List<String> order, String field) {
        int end = field.length();
        for (int i = 0; i < field.length(); i++) {
            if (field.charAt(i) == '.' || field.charAt(i) == '[') {
                end = i;
                break;
            }
        }
        int at = order.indexOf(field.substring(0, end));
        return at < 0 ? order.size() : at;
    }

    /** instalments[2] before instalments[10]. */
    private static String padded(String field) {
        Matcher m = INDEX.matcher(field);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, "[" + String.format("%09d", Integer.parseInt(m.group(1))) + "]");
        }
        m.appendTail(out);
        return out.toString();
    }
}
