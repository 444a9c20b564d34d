package com.collectwise.kernel;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The language of what the customer receives (reminders, SMS, the formal letter): chosen per customer, since
 * one credit department writes to customers in Shanghai and in Hamburg.
 */
public enum Language {
    ZH("zh"),
    EN("en");

    /** Markets where customers read Chinese: the default when the customer gives no language. */
    private static final Set<String> CHINESE_READING = Set.of("CN", "HK", "TW", "MO", "SG");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** "zh" or "en": the value of the API field and the database column. */
    @JsonValue
    public String code() {
        return code;
    }

    /**
     * zh for CN, HK, TW, MO and SG, en otherwise. A customer without a country is a domestic one (the home
     * jurisdiction, CN by default), so it reads Chinese too.
     */
    public static Language forCountry(String country) {
        return country == null || CHINESE_READING.contains(country) ? ZH : EN;
    }

    public static Optional<Language> ofCode(String code) {
        for (Language l : values()) {
            if (l.code.equals(code)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
