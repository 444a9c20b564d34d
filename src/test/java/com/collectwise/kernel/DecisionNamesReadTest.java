package com.collectwise.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.model.dmn.Dmn;
import org.junit.jupiter.api.Test;

/**
 * Which inputs a version of a decision table reads ({@link CaseEngine#namesRead}), so that an import decides the
 * collection policy once per distinct values of those inputs (cases.EntryStages). Read from the shipped
 * collection policy and from edited copies of it, as a supervisor could deploy them.
 */
class DecisionNamesReadTest {

    static final String KEY = CaseVariables.DECISION_COLLECTION_POLICY;
    static final Set<String> INPUTS = Set.of(CaseVariables.SEGMENT, CaseVariables.CUSTOMER_REGION,
        CaseVariables.INVOICE_AMOUNT, CaseVariables.CREDIT_TERM_DAYS);

    static String shipped() throws IOException {
        try (InputStream in = DecisionNamesReadTest.class.getResourceAsStream("/processes/collection-policy.dmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Optional<Set<String>> read(String dmn) {
        return CaseEngine.namesRead(Dmn.readModelFromStream(new ByteArrayInputStream(
            dmn.getBytes(StandardCharsets.UTF_8))), KEY, INPUTS);
    }

    @Test
    void theShippedPolicyReadsSegmentRegionAndCreditTermButNotTheAmount() throws IOException {
        // the amount column has no test in any rule; the outputs compute with the credit term
        assertThat(read(shipped())).contains(Set.of("segment", "customerRegion", "creditTermDays"));
    }

    @Test
    void anAmountTestedInOneRuleOrUsedInAnOutputIsRead() throws IOException {
        String tested = shipped().replaceFirst(
            "(<inputEntry id=\"InputEntry_CustomerNearby_1\">\\s*<text>)(</text>)", "$1&gt; 10000$2");
        assertThat(tested).isNotEqualTo(shipped());
        assertThat(read(tested)).hasValueSatisfying(names -> assertThat(names).contains("invoiceAmount"));

        String computed = shipped().replace("<text>\"P90D\"</text>",
            "<text>if invoiceAmount &gt; 10000 then \"P60D\" else \"P90D\"</text>");
        assertThat(computed).isNotEqualTo(shipped());
        assertThat(read(computed)).hasValueSatisfying(names -> assertThat(names).contains("invoiceAmount"));
    }

    @Test
    void aClockFunctionAnotherLanguageOrAnotherDecisionMeansItCannotBeTold() throws IOException {
        assertThat(read(shipped().replace("<text>7</text>", "<text>if today() &gt; date(\"2027-01-01\") then 5 else 7</text>")))
            .isEmpty();
        assertThat(read(shipped().replace("<outputEntry id=\"OutputEntry_ForeignCustomer_3\">",
            "<outputEntry id=\"OutputEntry_ForeignCustomer_3\" expressionLanguage=\"javascript\">"))).isEmpty();
        assertThat(CaseEngine.namesRead(Dmn.readModelFromStream(new ByteArrayInputStream(
            shipped().getBytes(StandardCharsets.UTF_8))), "Decision_Unknown", INPUTS)).isEmpty();
    }
}
