package com.collectwise.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

/**
 * Settings in one place (issue 19): every {@code collectwise.*} key is a component of a {@code @ConfigurationProperties}
 * record, has its default in application.yaml (the demo password: in application-demo.yaml), is documented in
 * docs/operations.md, and the defaults bind and pass the records' constraints. No {@code @Value} reads a
 * {@code collectwise.*} key. Plain files and binding, no Spring context.
 */
class SettingsDocumentedTest {

    /** Keys without a default in application.yaml on purpose. */
    static final Map<String, String> ONLY_IN_PROFILE = Map.of("collectwise.demo.password", "application-demo.yaml");
    /** Former keys of figures that moved into a DMN decision: still honoured when set, no default. */
    static final List<String> FORMER = List.of("collectwise.thresholds.agreement-approval.*",
        "collectwise.thresholds.lawyer-fee-minimum.*", "collectwise.litigation.lawyer-fee-percent");

    @Test
    void everyKeyHasItsDefaultInApplicationYamlAndItsRowInTheOperationsGuide() throws Exception {
        MutablePropertySources yaml = yaml("application.yaml");
        String guide = Files.readString(Path.of("docs/operations.md"));
        List<String> keys = new ArrayList<>();
        for (Class<?> settings : settingsRecords()) {
            keys.addAll(keys(prefix(settings), settings));
        }
        assertThat(keys).contains("collectwise.zone", "collectwise.import.batch-size", "collectwise.agency.url",
            "collectwise.thresholds.agreement-approval.*");

        List<String> undocumented = keys.stream().filter(k -> !guide.contains("`" + k.replace(".*", "."))).toList();
        assertThat(undocumented).as("keys not in docs/operations.md").isEmpty();

        List<String> withoutDefault = new ArrayList<>();
        for (String key : keys) {
            if (FORMER.contains(key)) {
                assertThat(has(yaml, key)).as(key + " has no default: the figures are in the DMN").isFalse();
                continue;
            }
            String file = ONLY_IN_PROFILE.getOrDefault(key, "application.yaml");
            MutablePropertySources sources = file.equals("application.yaml") ? yaml : yaml(file);
            if (!has(sources, key)) {
                withoutDefault.add(key + " (" + file + ")");
            }
        }
        assertThat(withoutDefault).as("keys without a default").isEmpty();
    }

    @Test
    void theDefaultsBindAndPassTheConstraints() throws Exception {
        for (String profile : List.of("", "demo")) {
            MutablePropertySources sources = yaml("application.yaml");
            if (!profile.isEmpty()) {
                yaml("application-" + profile + ".yaml").forEach(sources::addFirst);
            }
            Binder binder = new Binder(ConfigurationPropertySources.from(sources),
                new PropertySourcesPlaceholdersResolver(sources), ApplicationConversionService.getSharedInstance());
            try (var factory = Validation.buildDefaultValidatorFactory()) {
                Validator validator = factory.getValidator();
                for (Class<?> settings : settingsRecords()) {
                    Object bound = binder.bindOrCreate(prefix(settings), settings);
                    assertThat(validator.validate(bound)).as(settings.getSimpleName() + " " + profile).isEmpty();
                }
            }
        }
    }

    @Test
    void noValueAnnotationReadsACollectwiseKey() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<Path> reading = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readString(f).contains("@Value(\"${collectwise.");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(reading).as("@Value on a collectwise key: use the capability's settings record").isEmpty();
        }
    }

    static List<Class<?>> settingsRecords() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Class<?>> records = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("com.collectwise")) {
            records.add(Class.forName(candidate.getBeanClassName()));
        }
        assertThat(records).allMatch(Class::isRecord);
        return records;
    }

    static String prefix(Class<?> settings) {
        ConfigurationProperties properties = settings.getAnnotation(ConfigurationProperties.class);
        return properties.prefix().isEmpty() ? properties.value() : properties.prefix();
    }

    /** The leaf keys of a record: nested records are walked, a map is one key ending in {@code .*}. */
    static List<String> keys(String prefix, Class<?> type) {
        List<String> keys = new ArrayList<>();
        RecordComponent[] components = type.getRecordComponents();
        java.lang.reflect.Parameter[] parameters;
        try {
            parameters = type.getDeclaredConstructor(Stream.of(components).map(RecordComponent::getType)
                .toArray(Class<?>[]::new)).getParameters();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            // @Name (a Java keyword such as "import") sits on the constructor's parameter, where the binder reads it
            Name name = parameters[i].getAnnotation(Name.class);
            String key = prefix + "." + (name != null ? name.value() : kebab(component.getName()));
            Class<?> t = component.getType();
            if (Map.class.isAssignableFrom(t)) {
                keys.add(key + ".*");
            } else if (t.isRecord()) {
                keys.addAll(keys(key, t));
            } else {
                keys.add(key);
            }
        }
        return keys;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    static boolean has(MutablePropertySources sources, String key) {
        TreeSet<String> names = new TreeSet<>();
        for (PropertySource<?> source : sources) {
            if (source instanceof org.springframework.core.env.EnumerablePropertySource<?> e) {
                names.addAll(List.of(e.getPropertyNames()));
            }
        }
        if (key.endsWith(".*")) {
            String start = key.substring(0, key.length() - 1);
            return names.stream().anyMatch(n -> n.startsWith(start));
        }
        return names.contains(key);
    }

    static MutablePropertySources yaml(String file) throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        new YamlPropertySourceLoader().load(file, new ClassPathResource(file)).forEach(sources::addLast);
        return sources;
    }
}
