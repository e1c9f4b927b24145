package com.magentobridge.config;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * Spring's own loaders for configuration files, with one addition: a YAML file with a duplicate key is refused with
 * a line per duplicate that names the whole key path and both lines ({@link YamlKeyCheck}), instead of SnakeYAML's
 * bare "found duplicate key". Registered in META-INF/spring.factories ahead of Spring's loaders, so start-up and
 * {@code check-config} both read files through it. It answers for the properties extensions too, in Spring's
 * order, only so that application.properties keeps taking precedence over application.yaml in the same folder.
 */
public class CheckedConfigFileLoader implements PropertySourceLoader, Ordered {

    private final PropertySourceLoader properties = new PropertiesPropertySourceLoader();
    private final PropertySourceLoader yaml = new YamlPropertySourceLoader();

    @Override
    public String[] getFileExtensions() {
        return Stream.concat(Stream.of(properties.getFileExtensions()), Stream.of(yaml.getFileExtensions()))
                .toArray(String[]::new);
    }

    @Override
    public List<PropertySource<?>> load(String name, Resource resource) throws IOException {
        if (!isYaml(resource)) {
            return properties.load(name, resource);
        }
        List<String> problems;
        try (Reader reader = new UnicodeReader(resource.getInputStream())) {
            problems = YamlKeyCheck.problems(reader, SettingOrigins.fileName(resource));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems, false);
        }
        return yaml.load(name, resource);
    }

    private boolean isYaml(Resource resource) {
        String file = resource.getFilename() == null ? "" : resource.getFilename().toLowerCase();
        return Stream.of(yaml.getFileExtensions()).anyMatch(extension -> file.endsWith("." + extension));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
