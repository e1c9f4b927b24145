package com.magentobridge.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The settings of the libraries the bridge runs on (Spring Boot, Camel, CXF, …), as their jars describe them in
 * META-INF/spring-configuration-metadata.json and additional-spring-configuration-metadata.json. A key outside
 * {@code bridge.*} that no jar describes is read by nobody: a typo, or a setting of a library the bridge does not
 * have. Keys below a map or list setting ({@code logging.level.*}, {@code info.*}) are free.
 */
final class LibrarySettings {

    private static final String[] METADATA = {
            "classpath*:META-INF/spring-configuration-metadata.json",
            "classpath*:META-INF/additional-spring-configuration-metadata.json"};

    private static final Pattern NUMERIC_INDEX = Pattern.compile("\\[\\d+]");

    private final Set<ConfigurationPropertyName> settings = new HashSet<>();
    private final Set<ConfigurationPropertyName> openEnded = new HashSet<>();
    private final Set<String> topLevel = new HashSet<>();

    /** An unknown top-level tree is one problem, shown at its first key. */
    private record UnknownTree(ConfigurationPropertyName firstKey, String where) { }

    private LibrarySettings() {
    }

    /** Read once: the jars do not change while the JVM runs. */
    static LibrarySettings onClasspath() {
        return OnClasspath.SETTINGS;
    }

    private static final class OnClasspath {
        static final LibrarySettings SETTINGS = read(LibrarySettings.class.getClassLoader());
    }

    static LibrarySettings read(ClassLoader classLoader) {
        LibrarySettings known = new LibrarySettings();
        ObjectMapper json = new ObjectMapper();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
        try {
            for (String pattern : METADATA) {
                for (Resource resource : resolver.getResources(pattern)) {
                    try (InputStream in = resource.getInputStream()) {
                        for (JsonNode property : json.readTree(in).path("properties")) {
                            known.add(property.path("name").asText(), property.path("type").asText(""));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the libraries' configuration metadata", e);
        }
        return known;
    }

    private void add(String name, String type) {
        if (name.isEmpty()) {
            return;
        }
        ConfigurationPropertyName key = ConfigurationPropertyName.adapt(name, '.');
        if (key.isEmpty()) {
            return;
        }
        settings.add(key);
        topLevel.add(key.getElement(0, ConfigurationPropertyName.Form.UNIFORM));
        if (type.startsWith("java.util.Map") || type.equals("java.util.Properties") || type.startsWith("java.util.List")
                || type.startsWith("java.util.Set") || type.startsWith("java.util.Collection") || type.endsWith("[]")) {
            openEnded.add(key);
        }
    }

    /**
     * One line per key outside {@code bridge.*} that no library reads, from the sources ops write in; a whole unknown
     * top-level tree is one line.
     */
    List<String> unknownKeys(Iterable<ConfigurationPropertySource> sources) {
        Set<String> problems = new TreeSet<>();
        Map<String, UnknownTree> unknownTrees = new LinkedHashMap<>();
        Set<ConfigurationPropertyName> seen = new HashSet<>();
        for (ConfigurationPropertySource source : sources) {
            if (!(source instanceof IterableConfigurationPropertySource iterable) || !SettingOrigins.writtenByOps(source)) {
                continue;
            }
            for (ConfigurationPropertyName name : iterable) {
                if (name.isEmpty() || BridgeSettingsBinding.BRIDGE.equals(name) || BridgeSettingsBinding.BRIDGE.isAncestorOf(name)
                        || !seen.add(name)) {
                    continue;
                }
                ConfigurationProperty property = source.getConfigurationProperty(name);
                String where = property == null ? "" : SettingOrigins.where(property.getOrigin());
                String tree = name.getElement(0, ConfigurationPropertyName.Form.UNIFORM);
                if (!topLevel.contains(tree)) {
                    unknownTrees.putIfAbsent(name.getElement(0, ConfigurationPropertyName.Form.ORIGINAL),
                            new UnknownTree(name, where));
                } else if (!isKnown(name)) {
                    problems.add(name + ": unknown key" + where);
                }
            }
        }
        unknownTrees.forEach((tree, unknown) -> problems.add(tree + ": unknown top-level key, first set at "
                + unknown.firstKey() + unknown.where()));
        return List.copyOf(problems);
    }

    boolean isKnown(ConfigurationPropertyName name) {
        // spring.flyway.locations[0] is spring.flyway.locations; logging.level[org.apache] is below a map key
        String withoutIndexes = NUMERIC_INDEX.matcher(name.toString()).replaceAll("");
        if (!withoutIndexes.contains("[") && settings.contains(ConfigurationPropertyName.adapt(withoutIndexes, '.'))) {
            return true;
        }
        for (int size = name.getNumberOfElements() - 1; size > 0; size--) {
            if (openEnded.contains(name.chop(size))) {
                return true;
            }
        }
        return false;
    }
}
