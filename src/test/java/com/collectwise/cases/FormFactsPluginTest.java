package com.collectwise.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.camunda.bpm.engine.impl.el.FixedValue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Which user tasks get the due date, the days overdue and the decision maker when they open: those whose form shows
 * one of them (issue 18, step 5), found in the forms themselves.
 */
class FormFactsPluginTest {

    @SuppressWarnings("unchecked")
    final FormFactsPlugin plugin = new FormFactsPlugin(mock(ObjectProvider.class));

    @Test
    void theFormsThatShowTheFactsAreFoundInTheForms() {
        assertThat(plugin.formsShowingFacts()).contains("Form_CallCustomer", "Form_VisitCustomer",
                "Form_ApproveAgencyHandoff", "Form_ApproveWriteOff", "Form_ClarifyPartialPayment", "Form_ReviewLimitation",
                "Form_ReviewLitigation", "Form_FileSuit", "Form_AttendHearing", "Form_RecordJudgment",
                "Form_EnforceJudgment", "Form_VisitCustomer_zh")
            .doesNotContain("Form_ApproveWaiver", "Form_ResolveDispute", "Form_ApproveAgreement");
    }

    @Test
    void aTaskGetsThemWhenItsFormReferenceNamesSuchAForm() {
        assertThat(plugin.showsFacts(new FixedValue("${screenForms.form('Form_FileSuit')}"))).isTrue();
        assertThat(plugin.showsFacts(new FixedValue("Form_VisitCustomer"))).isTrue();
        assertThat(plugin.showsFacts(new FixedValue("${screenForms.form('Form_ApproveWaiver')}"))).isFalse();
        assertThat(plugin.showsFacts(null)).isFalse();
    }
}
