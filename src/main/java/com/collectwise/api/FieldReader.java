package com.collectwise.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the fields of one request (a JSON object or a CSV line) and collects every problem instead
 * of stopping at the first: an ERP integrator fixes all of them in one round trip. Each getter returns
 * {@code null} when the field is absent or wrong; {@link #throwIfInvalid()} then reports them all.
 * Unknown fields are ignored. Blank strings count as absent.
 */
public final class FieldReader {

    /** Amounts are read exactly: a double would turn 0.1 into 0.1000000000000000055... */
    private static final ObjectMapper EXACT = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
        .build();

    /** Keys of cases and customers appear in URLs, so no slashes, spaces or other reserved characters. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** Camunda's default id pattern for users and groups. */
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{3,40}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** The money columns are NUMERIC(19,4) (V13, for KWD's 3 and CLF's 4 decimals): 15 digits before the point. */

    private final JsonNode fields;
    /** "" for the request itself; "instalments[2]." for an element of a list (see {@link #objects}). */
    private final String prefix;
    /** Shared with the readers of list elements, so that one exception reports every problem of the request. */
    private final List<FieldProblem> problems;

    private FieldReader(JsonNode fields) {
        this(fields, "", new ArrayList<>());
    }

    private FieldReader(JsonNode fields, String prefix, List<FieldProblem> problems) {
        this.fields = fields;
        this.prefix = prefix;
        this.problems = problems;
    }

    /** @throws InvalidRequestException when the body is not a JSON object */
    public static FieldReader parse(String json) {
        JsonNode node;
        try {
            node = json == null || json.isBlank() ? null : EXACT.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw InvalidRequestException.of("body", "is not valid JSON" + where);
        }
        if (node == null || !node.isObject()) {
            throw InvalidRequestException.of("body", "must be a JSON object");
        }
        return new FieldReader(node);
    }

    /** Text values, e.g. the cells of a CSV line keyed by the header. */
    public static FieldReader of(Map<String, String> values) {
        ObjectNode node = EXACT.createObjectNode();
        values.forEach(node::put);
        return new FieldReader(node);
    }

    public String text(String field, boolean required, int maxLength) {
        JsonNode node = present(field, required);
        if (node == null) {
            return null;
        }
        if (!node.isTextual() && !node.isNumber()) {
            return reject(field, "must be a string");
        }
        String value = node.asText().trim();
        if (value.length() > maxLength) {
            return reject(field, "must be at most " + maxLength + " characters long");
        }
        return value;
    }

    /** A key used in URLs (invoice number, customer id): letters, digits, '.', '_' and '-'. */
    public String key(String field, boolean required) {
        String value = text(field, required, 64);
        if (value != null && !KEY.matcher(value).matches()) {
            return reject(field, "may contain only letters, digits, '.', '_' and '-' and must start with a letter or digit");
        }
        return value;
    }

    /** A Camunda user id: letters and digits only. */
    public String userId(String field, boolean required) {
        String value = text(field, required, 64);
        if (value != null && !USER_ID.matcher(value).matches()) {
            return reject(field, "must be a user id (letters and digits only)");
        }
        return value;
    }

    public String email(String field, boolean required) {
        String value = text(field, required, 254);
        if (value != null && !EMAIL.matcher(value).matches()) {
            return reject(field, "must be an e-mail address");
        }
        return value;
    }

    public String phone(String field, boolean required) {
        String value = text(field, required, 40);
        if (value != null && !PHONE.matcher(value).matches()) {
            return reject(field, "must be a phone number (digits, spaces, '+', '(', ')', '-', '/', '.')");
        }
        return value;
    }

    /** ISO-8601 calendar date, yyyy-MM-dd. */
    public LocalDate date(String field, boolean required) {
        String value = text(field, required, 10);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return reject(field, "must be an ISO date (yyyy-MM-dd)");
        }
    }

    /**
     * A money amount greater than zero in {@code currency}, given as a JSON number or a string, with at most as
     * many decimals as the currency's minor unit (ISO 4217: JPY 0, CNY/EUR/USD 2, KWD/BHD 3). Read the currency
     * first: when it is absent or itself wrong (null here) only the currency-free limits are checked, and the
     * request fails on the currency anyway.
     *
     * @return the amount at the scale of the currency's minor unit (JPY 1000, KWD 1.234, EUR 10.50)
     */
    public BigDecimal amount(String field, boolean required, String currency) {
        return money(field, required, false, currency);
    }

    /** Like {@link #amount} but zero is allowed too. */
    public BigDecimal amountOrZero(String field, boolean required, String currency) {
        return money(field, required, true, currency);
    }

    /** The minor-unit rule of {@link Amounts}, kept here for the readers that still use this class. */
    public static String minorUnitProblem(BigDecimal amount, String currency) {
        return Amounts.minorUnitProblem(amount, currency);
    }

    private BigDecimal money(String field, boolean required, boolean zeroAllowed, String currency) {
        BigDecimal value = decimal(field, required);
        if (value == null) {
            return null;
        }
        // the same rules as the request records (sign, the scale of the money columns, size, the minor unit)
        String problem = Amounts.problem(value, zeroAllowed);
        if (problem == null) {
            problem = Amounts.minorUnitProblem(value, currency);
        }
        return problem != null ? reject(field, problem) : Amounts.atMinorUnit(value, currency);
    }

    /** A decimal number (JSON number or string) within [min, max] with at most {@code maxScale} decimals. */
    public BigDecimal decimal(String field, boolean required, BigDecimal min, BigDecimal max, int maxScale) {
        BigDecimal value = decimal(field, required);
        if (value == null) {
            return null;
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            return reject(field, "must be between " + min.toPlainString() + " and " + max.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > maxScale) {
            return reject(field, "must have at most " + maxScale + " decimals");
        }
        return value;
    }

    private BigDecimal decimal(String field, boolean required) {
        JsonNode node = present(field, required);
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                return reject(field, "must be a number");
            }
        }
        return reject(field, "must be a number");
    }

    /** A whole number (JSON number or string) within [min, max]. */
    public Integer integer(String field, boolean required, int min, int max) {
        BigDecimal value = decimal(field, required);
        if (value == null) {
            return null;
        }
        if (value.stripTrailingZeros().scale() > 0) {
            return reject(field, "must be a whole number");
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            return reject(field, "must be between " + min + " and " + max);
        }
        return value.intValueExact();
    }

    /** ISO 4217 code of a currency that has a minor unit (so no gold, no test codes). */
    public String currency(String field, boolean required) {
        String value = text(field, required, 3);
        if (value == null) {
            return null;
        }
        if (!value.matches("[A-Z]{3}")) {
            return reject(field, "must be an ISO 4217 currency code in capitals, e.g. EUR or CNY");
        }
        try {
            if (Currency.getInstance(value).getDefaultFractionDigits() < 0) {
                return reject(field, "is not a currency for money amounts");
            }
            return value;
        } catch (IllegalArgumentException e) {
            return reject(field, "is not an ISO 4217 currency code");
        }
    }

    /** ISO 3166-1 alpha-2 country code. */
    public String country(String field, boolean required) {
        String value = text(field, required, 2);
        if (value != null && !COUNTRIES.contains(value)) {
            return reject(field, "must be an ISO 3166-1 alpha-2 country code in capitals, e.g. CN or DE");
        }
        return value;
    }

    public <E extends Enum<E>> E enumValue(String field, Class<E> type, E defaultValue) {
        String value = text(field, defaultValue == null, 40);
        if (value == null) {
            return has(field) ? null : defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        return reject(field, "must be one of " + List.of(type.getEnumConstants()));
    }

    /** A JSON boolean; {@code defaultValue} when absent. */
    public boolean bool(String field, boolean defaultValue) {
        JsonNode node = present(field, false);
        if (node == null) {
            return defaultValue;
        }
        if (!node.isBoolean()) {
            reject(field, "must be true or false");
            return defaultValue;
        }
        return node.booleanValue();
    }

    /**
     * The elements of a JSON array of objects, each with its own reader; their problems are reported as
     * {@code field[i].name} with those of this request. Empty when the field is absent or not such an array.
     */
    public List<FieldReader> objects(String field, boolean required, int min, int max) {
        JsonNode node = present(field, required);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            reject(field, "must be a list");
            return List.of();
        }
        if (node.size() < min || node.size() > max) {
            reject(field, "must list between " + min + " and " + max + " entries");
            return List.of();
        }
        List<FieldReader> readers = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            String at = prefix + field + "[" + i + "]";
            if (element == null || !element.isObject()) {
                problems.add(new FieldProblem(at, "must be an object"));
            } else {
                readers.add(new FieldReader(element, at + ".", problems));
            }
        }
        return readers;
    }

    /**
     * A JSON array of ISO dates (yyyy-MM-dd), in the order sent; a bad element is reported as {@code field[i]} and
     * stands as null in the result, so that later rules can still name positions. Empty when absent or not a list.
     */
    public List<LocalDate> dates(String field, boolean required, int max) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                reject(field, "is required");
            }
            return List.of();
        }
        if (!node.isArray()) {
            reject(field, "must be a list of dates (yyyy-MM-dd)");
            return List.of();
        }
        if (node.size() > max) {
            reject(field, "must list at most " + max + " dates");
            return List.of();
        }
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            LocalDate date = null;
            if (element != null && element.isTextual()) {
                try {
                    date = LocalDate.parse(element.asText().trim());
                } catch (DateTimeParseException e) {
                    date = null;
                }
            }
            if (date == null) {
                reject(field + "[" + i + "]", "must be an ISO date (yyyy-MM-dd)");
            }
            dates.add(date);
        }
        return dates;
    }

    /**
     * Whether the field is in the body at all, even as null or "" (a PATCH clears a field that way, and leaves a
     * field it does not name as it is).
     */
    public boolean sent(String field) {
        return fields.has(field);
    }

    /**
     * A nested JSON object, with its own reader whose problems are reported as {@code field.name}; null when the
     * field is absent, null or not an object (the latter is reported).
     */
    public FieldReader object(String field) {
        JsonNode node = present(field, false);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            reject(field, "must be an object");
            return null;
        }
        return new FieldReader(node, prefix + field + ".", problems);
    }

    /** Whether the field was sent with a non-blank value. */
    public boolean has(String field) {
        JsonNode node = fields.get(field);
        return node != null && !node.isNull() && !(node.isTextual() && node.asText().isBlank());
    }

    /** Records a problem found by a rule across fields; returns null for use in expressions. */
    public <T> T reject(String field, String message) {
        problems.add(new FieldProblem(prefix + field, message));
        return null;
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    public boolean hasProblem(String field) {
        return problems.stream().anyMatch(p -> p.field().equals(prefix + field));
    }

    public List<FieldProblem> problems() {
        return List.copyOf(problems);
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private JsonNode present(String field, boolean required) {
        if (!has(field)) {
            if (required) {
                reject(field, "is required");
            }
            return null;
        }
        return fields.get(field);
    }
}
