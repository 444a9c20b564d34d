package com.collectwise.screens;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScreenFormsTest {

    @Test
    void aChineseInstallationShowsTheChineseFormsAndEveryOtherTheEnglishOnes() {
        assertThat(new ScreenForms("zh-CN").form("Form_CallCustomer")).isEqualTo("Form_CallCustomer_zh");
        assertThat(new ScreenForms("zh").form("Form_VisitCustomer")).isEqualTo("Form_VisitCustomer_zh");
        assertThat(new ScreenForms("en").form("Form_CallCustomer")).isEqualTo("Form_CallCustomer");
        assertThat(new ScreenForms("de-DE").form("Form_CallCustomer")).isEqualTo("Form_CallCustomer");
        assertThat(new ScreenForms((String) null).form("Form_CallCustomer")).isEqualTo("Form_CallCustomer");
    }

    /**
     * Seen in Tasklist: the case header of the visit and approval forms showed the stage id ("Stage: FIELD_VISIT")
     * and the outstanding number as the engine keeps it ("49050.72", "8812.1" for 8,812.10). The forms show the
     * words and the formatted figures the task carries (cases.FormFactsListener: stageName, outstandingFigures).
     */
    @Test
    void noFormShowsAStageIdOrAnUnformattedOutstandingAmount() throws java.io.IOException {
        java.util.List<String> offending = new java.util.ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> forms = java.nio.file.Files.list(java.nio.file.Path.of("forms"))) {
            for (java.nio.file.Path form : forms.filter(p -> p.toString().endsWith(".form")).sorted().toList()) {
                String text = java.nio.file.Files.readString(form);
                if (text.contains("{{stage}}") || text.contains("{{outstandingAmount}} {{currency}}**\\n- Due date")
                    || text.contains("{{outstandingAmount}} {{currency}}**\\n- 到期日")) {
                    offending.add(form.getFileName().toString());
                }
            }
        }
        assertThat(offending).as("forms showing a stage id or the raw outstanding number in the case header").isEmpty();
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("forms/call-customer.form")))
            .contains("{{outstandingFigures}}", "{{stageName}}");
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("forms/call-customer.zh.form")))
            .contains("{{outstandingFigures}}", "{{stageName}}");
    }

    /**
     * DOMAIN.md section 2: contact does not stop after the formal letter (a call every 3 working days, a written
     * reminder every 10 days until the agency). The call form of a customer with a case at formal demand or later
     * says so (cases.CustomerCalls sets afterFormalLetter); the form showed nothing of it before.
     */
    @Test
    void theCallFormTellsTheContactRulesAfterTheFormalLetter() throws java.io.IOException {
        for (String form : java.util.List.of("forms/call-customer.form", "forms/call-customer.zh.form")) {
            String text = java.nio.file.Files.readString(java.nio.file.Path.of(form));
            assertThat(text).as(form).contains("\"Text_AfterFormalLetter\"")
                .contains("{{#if afterFormalLetter}}");
        }
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("forms/call-customer.form")))
            .contains("a call every 3 working days, a reminder every 10 days");
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("forms/call-customer.zh.form")))
            .contains("每 3 个工作日致电一次，每 10 天书面提醒一次");
    }
}
