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
}
