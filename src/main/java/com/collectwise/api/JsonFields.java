package com.collectwise.api;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.type.ReferenceType;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;

/**
 * How the fields of a request record are read from JSON (or from the cells of a CSV line): a wrong value never stops
 * the reading. It is recorded as a {@link FieldProblem} named by its path ({@code amount}, {@code instalments[2].dueDate})
 * and read as null, so that Bean Validation can add the problems of the other fields and the caller gets every one in
 * a single answer. Strings are trimmed and a blank value counts as absent; dates are {@link IsoDates}; numbers may be
 * JSON numbers or strings and are read exactly; whole numbers refuse decimals; enum constants are matched by name.
 * An {@link Optional} field tells a field left out (null) from one sent as null or blank (empty): a PATCH clears a
 * field that way and leaves a field it does not name as it is.
 * <p>
 * Only a read that carries the {@link #PROBLEMS} attribute (request records, see {@link RequestJsonConfiguration}) is
 * lenient like this; every other read keeps Jackson's defaults.
 */
public final class JsonFields extends SimpleModule {

    /**
     * The longest number read from a string (a JSON string, a CSV cell): an amount has at most 20 characters, trailing
     * zeros and an exponent a few more.
     */
    static final int MAX_NUMBER_TEXT = 100;

    /** DeserializationContext attribute: the {@code List<FieldProblem>} of the record being read. */
    public static final Object PROBLEMS = JsonFields.class.getName() + ".problems";

    public JsonFields() {
        super("collectwise-request-fields");
        addDeserializer(String.class, new Text());
        addDeserializer(LocalDate.class, new Date());
        addDeserializer(BigDecimal.class, new Decimal());
        addDeserializer(Integer.class, new Whole());
        addDeserializer(Boolean.class, new Flag());
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyReferenceDeserializer(DeserializationConfig config, ReferenceType type,
                                                                   BeanDescription beanDesc,
                                                                   JsonDeserializer<?> deserializer) {
                return type.hasRawClass(Optional.class) ? new Sent(deserializer) : deserializer;
            }

            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
                return new Constant(type.getRawClass(), deserializer);
            }
        });
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addDeserializationProblemHandler(new Shapes());
    }

    /** Whether objects of this type are read as request records: records of Collectwise. */
    public static boolean isRequestRecord(Class<?> type) {
        return type != null && type.isRecord() && type.getPackageName().startsWith("com.collectwise");
    }

    @SuppressWarnings("unchecked")
    private static List<FieldProblem> problems(DeserializationContext ctxt) {
        return (List<FieldProblem>) ctxt.getAttribute(PROBLEMS);
    }

    /** Records the problem of the value the parser stands on, skips that value and answers null. */
    private static <T> T reject(JsonParser p, DeserializationContext ctxt, String message) throws IOException {
        problems(ctxt).add(new FieldProblem(path(p), message));
        p.skipChildren();
        return null;
    }

    /** {@code name}, {@code list[2]}, {@code list[2].name}: the path of the value the parser stands on. */
    static String path(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
            context = context.getParent();
        }
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.addFirst("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.addFirst("." + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String blankToNull(String text) {
        String value = text.trim();
        return value.isEmpty() ? null : value;
    }

    private static final class Text extends StdScalarDeserializer<String> {
        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (problems(ctxt) == null) {
                return StringDeserializer.instance.deserialize(p, ctxt);
            }
            return switch (p.currentToken()) {
                case VALUE_STRING -> blankToNull(p.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
                default -> reject(p, ctxt, "must be a string");
            };
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    private static final class Date extends StdScalarDeserializer<LocalDate> {
        Date() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (problems(ctxt) == null) {
                return LocalDateDeserializer.INSTANCE.deserialize(p, ctxt);
            }
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                String text = blankToNull(p.getText());
                LocalDate date = IsoDates.parse(text);
                return text == null || date != null ? date : reject(p, ctxt, IsoDates.MESSAGE);
            }
            return reject(p, ctxt, IsoDates.MESSAGE);
        }
    }

    private static final class Decimal extends StdScalarDeserializer<BigDecimal> {
        Decimal() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (problems(ctxt) == null) {
                return NumberDeserializers.BigDecimalDeserializer.instance
                    .deserialize(p, ctxt);
            }
            return number(p, ctxt);
        }
    }

    /** A JSON number or a string holding one, exactly; null when blank; recorded as a problem otherwise. */
    private static BigDecimal number(JsonParser p, DeserializationContext ctxt) throws IOException {
        switch (p.currentToken()) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT:
                return plainZero(p.getDecimalValue());
            case VALUE_STRING:
                String text = blankToNull(p.getText());
                if (text == null) {
                    return null;
                }
                if (text.length() > MAX_NUMBER_TEXT) {
                    // parsing a number of a million digits takes minutes of a core; no field holds one
                    return reject(p, ctxt, "must be a number of at most " + MAX_NUMBER_TEXT + " characters");
                }
                try {
                    return plainZero(new BigDecimal(text));
                } catch (NumberFormatException e) {
                    return reject(p, ctxt, "must be a number");
                }
            default:
                return reject(p, ctxt, "must be a number");
        }
    }

    /**
     * Zero written with an exponent far out ({@code 0e999999999}, {@code -0e-999999999}) is plain zero: as sent it
     * passed every check (it is zero) and was echoed and stored as 0E+999999999. Zero at 0 to 20 decimals stays as it
     * was written ({@code 0.00}).
     */
    static BigDecimal plainZero(BigDecimal value) {
        return value.signum() == 0 && (value.scale() < 0 || value.scale() > 20) ? BigDecimal.ZERO : value;
    }

    private static final class Whole extends StdScalarDeserializer<Integer> {
        private static final JsonDeserializer<Integer> STANDARD = new NumberDeserializers.IntegerDeserializer(Integer.class, null);

        Whole() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (problems(ctxt) == null) {
                return STANDARD.deserialize(p, ctxt);
            }
            BigDecimal value = number(p, ctxt);
            if (value == null) {
                return null;
            }
            if (value.stripTrailingZeros().scale() > 0) {
                return reject(p, ctxt, "must be a whole number");
            }
            try {
                return value.intValueExact();
            } catch (ArithmeticException e) {
                return reject(p, ctxt, "is too large");
            }
        }
    }

    private static final class Flag extends StdScalarDeserializer<Boolean> {
        private static final JsonDeserializer<Boolean> STANDARD = new NumberDeserializers.BooleanDeserializer(Boolean.class, null);

        Flag() {
            super(Boolean.class);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (problems(ctxt) == null) {
                return STANDARD.deserialize(p, ctxt);
            }
            return switch (p.currentToken()) {
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_STRING -> blankToNull(p.getText()) == null ? null : reject(p, ctxt, "must be true or false");
                default -> reject(p, ctxt, "must be true or false");
            };
        }
    }

    /** An enum constant by its exact name (trimmed; blank is absent); anything else names the constants. */
    private static final class Constant extends JsonDeserializer<Object> {
        private final Class<?> type;
        private final JsonDeserializer<?> standard;

        Constant(Class<?> type, JsonDeserializer<?> standard) {
            this.type = type;
            this.standard = standard;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (problems(ctxt) == null) {
                return standard.deserialize(p, ctxt);
            }
            Object[] constants = type.getEnumConstants();
            if (p.currentToken() == JsonToken.VALUE_STRING || p.currentToken().isNumeric()) {
                String name = blankToNull(p.getText());
                if (name == null) {
                    return null;
                }
                for (Object constant : constants) {
                    if (((Enum<?>) constant).name().equals(name)) {
                        return constant;
                    }
                }
            }
            return reject(p, ctxt, "must be one of " + Arrays.asList(constants));
        }
    }

    /** An {@link Optional} of a request record: null when the field is left out, empty when sent as null or blank. */
    private static final class Sent extends DelegatingDeserializer {
        Sent(JsonDeserializer<?> optional) {
            super(optional);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new Sent(newDelegatee);
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) throws JsonMappingException {
            return problems(ctxt) == null ? super.getAbsentValue(ctxt) : null;
        }

        /** "" clears like null, whatever the field holds (text, an object, a list). */
        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (problems(ctxt) != null && p.currentToken() == JsonToken.VALUE_STRING && p.getText().isBlank()) {
                return getNullValue(ctxt);
            }
            return super.deserialize(p, ctxt);
        }
    }

    /** Values of the wrong shape: an object where a list belongs, a string where an object belongs. */
    private static final class Shapes extends DeserializationProblemHandler {

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t,
                                            JsonParser p, String failureMsg) throws IOException {
            if (problems(ctxt) != null && !path(p).isEmpty() && targetType.isCollectionLikeType()
                && targetType.getContentType().hasRawClass(LocalDate.class)) {
                return reject(p, ctxt, "must be a list of dates (yyyy-MM-dd)");
            }
            return shape(ctxt, targetType.getRawClass(), p);
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
                                                ValueInstantiator valueInsts, JsonParser p, String msg)
            throws IOException {
            return shape(ctxt, instClass, p);
        }

        private static Object shape(DeserializationContext ctxt, Class<?> type, JsonParser p) throws IOException {
            if (problems(ctxt) == null || path(p).isEmpty()) {
                return NOT_HANDLED; // the body itself is of the wrong shape: the request is not a JSON object
            }
            boolean list = Collection.class.isAssignableFrom(type) || type.isArray();
            return reject(p, ctxt, list ? "must be a list" : "must be an object");
        }
    }
}
