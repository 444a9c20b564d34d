package com.collectwise.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Reads a request record from values that did not come as a JSON body (the cells of a CSV line) the way a body is
 * read: the same {@link JsonFields} reading, the same Bean Validation rules, the same problems.
 */
@Component
public class RequestReader {

    private final ObjectMapper json;
    private final Validator validator;

    public RequestReader(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** A record with its problems; {@code value} is null when a problem was found. */
    public record Read<T>(T value, List<FieldProblem> problems) {

        public boolean isValid() {
            return problems.isEmpty();
        }
    }

    public <T> Read<T> read(Map<String, ?> values, Class<T> type) {
        List<FieldProblem> unreadable = new ArrayList<>();
        T value;
        try {
            value = json.readerFor(type).withAttribute(JsonFields.PROBLEMS, unreadable)
                .readValue((com.fasterxml.jackson.databind.JsonNode) json.valueToTree(values));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + " from " + values.keySet(), e);
        }
        List<FieldProblems.Found> found = new ArrayList<>();
        unreadable.forEach(p -> found.add(new FieldProblems.Found(p, true)));
        for (ConstraintViolation<T> violation : validator.validate(value)) {
            found.add(new FieldProblems.Found(new FieldProblem(violation.getPropertyPath().toString(),
                violation.getMessage()), false));
        }
        List<FieldProblem> problems = FieldProblems.of(type, found);
        return new Read<>(problems.isEmpty() ? value : null, problems);
    }
}
