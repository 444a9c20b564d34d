package com.collectwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

/** Reading a request record never stops at a bad value: each is named by its path and read as null. */
class JsonFieldsTest {

    enum Kind { A, B }

    record Row(LocalDate dueDate, BigDecimal amount) {
    }

    record Body(String text, LocalDate date, BigDecimal amount, Integer days, Boolean flag, Kind kind, List<Row> rows) {
    }

    record Patch(Optional<String> email, Optional<String> phone, Optional<List<Row>> rows, Optional<Kind> kind) {
    }

    private final ObjectMapper json = JsonMapper.builder().addModule(new JsonFields()).addModule(new Jdk8Module())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private Body read(String body, List<FieldProblem> problems) throws Exception {
        return json.readerFor(Body.class).withAttribute(JsonFields.PROBLEMS, problems).readValue(body);
    }

    @Test
    void everyBadValueIsNamedAndReadAsNull() throws Exception {
        List<FieldProblem> problems = new ArrayList<>();
        Body body = read("""
            {"text": {"a": 1}, "date": "2026-02-30", "amount": "a lot", "days": 1.5, "flag": "yes", "kind": "C",
             "rows": [{"dueDate": "soon", "amount": 10}, "x"], "unknown": 1}""", problems);

        assertThat(problems).extracting(FieldProblem::field)
            .containsExactly("text", "date", "amount", "days", "flag", "kind", "rows[0].dueDate", "rows[1]");
        assertThat(problems).extracting(FieldProblem::message).containsExactly("must be a string",
            IsoDates.MESSAGE, "must be a number", "must be a whole number", "must be true or false",
            "must be one of [A, B]", IsoDates.MESSAGE, "must be an object");
        assertThat(body.text()).isNull();
        assertThat(body.rows().get(0).amount()).isEqualByComparingTo("10");
    }

    @Test
    void stringsAreTrimmedBlankIsAbsentAndNumbersAreExact() throws Exception {
        List<FieldProblem> problems = new ArrayList<>();
        Body body = read("""
            {"text": "  x ", "date": " ", "amount": 0.1, "days": "30", "kind": " B "}""", problems);

        assertThat(problems).isEmpty();
        assertThat(body.text()).isEqualTo("x");
        assertThat(body.date()).isNull();
        assertThat(body.amount()).isEqualTo(new BigDecimal("0.1"));
        assertThat(body.days()).isEqualTo(30);
        assertThat(body.kind()).isEqualTo(Kind.B);
    }

    @Test
    void anOptionalFieldLeftOutIsNullAndOneSentAsNullOrBlankIsEmpty() throws Exception {
        List<FieldProblem> problems = new ArrayList<>();
        Patch patch = json.readerFor(Patch.class).withAttribute(JsonFields.PROBLEMS, problems)
            .readValue("{\"email\": null, \"phone\": \" \", \"kind\": \"C\"}");

        assertThat(patch.email()).isEmpty();
        assertThat(patch.phone()).isEmpty();
        assertThat(patch.rows()).isNull();
        assertThat(patch.kind()).isEmpty();
        assertThat(problems).containsExactly(new FieldProblem("kind", "must be one of [A, B]"));

        Patch sent = json.readerFor(Patch.class).withAttribute(JsonFields.PROBLEMS, problems)
            .readValue("{\"email\": \" a@b.example \", \"rows\": [{\"amount\": \"1.10\"}]}");
        assertThat(sent.email()).contains("a@b.example");
        assertThat(sent.rows().orElseThrow().get(0).amount()).isEqualTo(new BigDecimal("1.10"));
        assertThat(sent.phone()).isNull();

        Patch cleared = json.readerFor(Patch.class).withAttribute(JsonFields.PROBLEMS, problems)
            .readValue("{\"rows\": \"\"}");
        assertThat(cleared.rows()).isEmpty();
        assertThat(problems).hasSize(1);
    }

    record Calendar(List<LocalDate> holidays, List<Row> rows) {
    }

    @Test
    void aValueWhereAListBelongsIsNamed() throws Exception {
        List<FieldProblem> problems = new ArrayList<>();
        json.readerFor(Calendar.class).withAttribute(JsonFields.PROBLEMS, problems)
            .readValue("{\"holidays\": {\"a\": 1}, \"rows\": 5}");

        assertThat(problems).containsExactly(new FieldProblem("holidays", "must be a list of dates (yyyy-MM-dd)"),
            new FieldProblem("rows", "must be a list"));
    }

    @Test
    void withoutTheAttributeJacksonsDefaultsApply() throws Exception {
        Body body = json.readValue("{\"text\": \"  x \", \"date\": \"2026-01-02\"}", Body.class);

        assertThat(body.text()).isEqualTo("  x ");
        assertThat(body.date()).isEqualTo(LocalDate.of(2026, 1, 2));
    }

    @Test
    void problemsAreListedOncePerFieldInTheRecordsOrder() {
        List<FieldProblem> problems = FieldProblems.of(Body.class, List.of(
            new FieldProblems.Found(new FieldProblem("rows[10].amount", "b"), false),
            new FieldProblems.Found(new FieldProblem("amount", "is required"), false),
            new FieldProblems.Found(new FieldProblem("rows[2].amount", "a"), false),
            new FieldProblems.Found(new FieldProblem("amount", "must be a number"), true),
            new FieldProblems.Found(new FieldProblem("text", "too long"), false)));

        assertThat(problems).containsExactly(new FieldProblem("text", "too long"),
            new FieldProblem("amount", "must be a number"), new FieldProblem("rows[2].amount", "a"),
            new FieldProblem("rows[10].amount", "b"));
    }

    /** 0e999999999 is zero and is read as plain 0; a number of more than 100 characters is refused unparsed. */
    @Test
    void zeroWithAFarExponentIsPlainZero_andAHugeNumberTextIsRefused() throws Exception {
        List<FieldProblem> problems = new ArrayList<>();
        Body body = read("""
            {"amount": "0e999999999", "rows": [{"amount": -0E-999999999}, {"amount": "0.00"}],
             "days": "%s"}""".formatted("1".repeat(101)), problems);

        assertThat(body.amount()).isEqualTo(BigDecimal.ZERO);
        assertThat(body.rows().get(0).amount()).isEqualTo(BigDecimal.ZERO);
        assertThat(body.rows().get(1).amount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(problems).extracting(FieldProblem::field).containsExactly("days");
        assertThat(problems.get(0).message()).isEqualTo("must be a number of at most 100 characters");
    }
}
