package com.magentobridge.config;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.NestedExceptionUtils;

/**
 * Binds {@code bridge.*} the way start-up binds {@link BridgeProperties} (Spring's {@link Binder}, relaxed names,
 * conversions, then the bean's validation constraints), but collects every problem instead of stopping at the
 * first: a value that does not convert (it keeps its default so the other checks still run), a key no setting
 * reads, a value outside its constraints. Each line names the key and where the value came from.
 */
final class BridgeSettingsBinding {

    static final ConfigurationPropertyName BRIDGE = ConfigurationPropertyName.of("bridge");

    /** English messages whatever the machine's locale: the check's output is compared by scripts and tests. */
    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class).configure()
            .messageInterpolator(new ParameterMessageInterpolator(Set.of(Locale.ENGLISH), Locale.ENGLISH, false))
            .buildValidatorFactory().getValidator();

    record Result(BridgeProperties properties, List<String> problems) { }

    private BridgeSettingsBinding() {
    }

    static Result bind(Binder binder, Iterable<ConfigurationPropertySource> sources) {
        BridgeProperties properties = new BridgeProperties();
        Collecting collecting = new Collecting();
        List<String> problems = new ArrayList<>();
        try {
            binder.bind(BRIDGE, Bindable.ofInstance(properties),
                    new NoUnboundElementsBindHandler(collecting, SettingOrigins::writtenByOps));
        } catch (BindException e) {
            if (e.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
                for (ConfigurationProperty property : unbound.getUnboundProperties()) {
                    // an attempted name is a setting whose value was empty; a failed one is reported with its reason
                    if (!collecting.attempted.contains(property.getName())
                            && !collecting.failures.containsKey(property.getName())) {
                        problems.add(property.getName() + ": unknown key" + SettingOrigins.where(property.getOrigin()));
                    }
                }
            } else {
                problems.add(e.getName() + ": " + NestedExceptionUtils.getMostSpecificCause(e).getMessage());
            }
        }
        collecting.failures.forEach((name, reason) -> problems.add(name + ": " + reason));
        for (ConstraintViolation<BridgeProperties> violation : VALIDATOR.validate(properties)) {
            problems.add(describe(violation, sources));
        }
        return new Result(properties, problems);
    }

    private static String describe(ConstraintViolation<?> violation, Iterable<ConfigurationPropertySource> sources) {
        StringBuilder key = new StringBuilder("bridge");
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getIndex() != null) {
                key.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                key.append(".[").append(node.getKey()).append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                key.append('.').append(kebabCase(node.getName()));
            }
        }
        Object value = violation.getInvalidValue();
        String shown = value == null || value.toString().isBlank() ? "" : ", is " + value;
        String where = ConfigurationPropertyName.isValid(key) ? SettingOrigins.where(sources, ConfigurationPropertyName.of(key)) : "";
        return key + ": " + violation.getMessage() + shown + where;
    }

    /** The key of a Java property: maxConcurrentWrites → max-concurrent-writes. */
    static String kebabCase(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** What a value of this type looks like, for "'x' is not …"; null when the converter's own words are better. */
    static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Stream.of(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        if (type == Duration.class) {
            return "a duration like 500ms, 30s, 5m, 2h or 7d";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Instant.class) {
            return "an ISO-8601 UTC time like 2026-11-01T00:00:00Z";
        }
        return null;
    }

    /** Records what was tried and what failed, and binds on: a failed value keeps its default. */
    private static final class Collecting extends AbstractBindHandler {
        final Set<ConfigurationPropertyName> attempted = new HashSet<>();
        final Map<ConfigurationPropertyName, String> failures = new LinkedHashMap<>();

        @Override
        public <T> Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target, BindContext context) {
            attempted.add(name);
            return super.onStart(name, target, context);
        }

        @Override
        public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Exception error)
                throws Exception {
            if (error instanceof UnboundConfigurationPropertiesException) {
                throw error;
            }
            ConfigurationProperty property = context.getConfigurationProperty();
            String expected = expected(target.getType().resolve(Object.class));
            String where = property == null ? "" : SettingOrigins.where(property.getOrigin());
            failures.put(name, expected != null && property != null
                    ? "'" + property.getValue() + "' is not " + expected + where
                    : NestedExceptionUtils.getMostSpecificCause(error).getMessage() + where);
            return null;
        }
    }
}
