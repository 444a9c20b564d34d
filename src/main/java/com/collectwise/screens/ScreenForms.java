package com.collectwise.screens;

import java.util.Locale;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Picks the language of a Tasklist form by the installation's screen language ({@code collectwise.ui.language}):
 * a user task that names its form {@code ${screenForms.form('Form_CallCustomer')}} shows {@code Form_CallCustomer_zh}
 * (forms/call-customer.zh.form) where the screens are Chinese. Tasklist 7.24 has no translation of form-js texts, so
 * a translated form is a second file with the same fields, kept identical but for its words by ModelReferencesTest.
 */
@Component("screenForms")
public class ScreenForms {

    /** Suffix of a form's id (and {@code .zh} before the file's {@code .form}) in Chinese. */
    public static final String CHINESE = "_zh";

    private final boolean chinese;

    @Autowired
    public ScreenForms(ScreenSettings settings) {
        this(settings.language());
    }

    public ScreenForms(String language) {
        this.chinese = isChinese(language);
    }

    /** The id of the form to show for {@code formId} in this installation's language. */
    public String form(String formId) {
        return chinese ? formId + CHINESE : formId;
    }

    /** zh, zh-CN, zh_CN, zh-Hans: Chinese; anything else English. */
    public static boolean isChinese(String language) {
        return language != null && language.toLowerCase(Locale.ROOT).startsWith("zh");
    }
}
