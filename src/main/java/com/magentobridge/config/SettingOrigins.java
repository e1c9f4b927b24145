package com.magentobridge.config;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginTrackedResource;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/** Where a setting came from, as the check's messages name it, and which sources ops write settings in. */
final class SettingOrigins {

    private SettingOrigins() {
    }

    /**
     * Configuration files and command-line arguments: the places ops write bridge settings in, checked for unknown
     * keys. The environment and the JVM's system properties carry much else (Kubernetes puts BRIDGE_PORT_… there for
     * a service named "bridge"), so their names are not checked; their values are.
     */
    static boolean writtenByOps(ConfigurationPropertySource source) {
        Object underlying = source.getUnderlyingSource();
        return underlying instanceof OriginTrackedMapPropertySource
                || underlying instanceof PropertySource<?> propertySource
                   && CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME.equals(propertySource.getName());
    }

    /** " (application.yaml line 12)", " (environment variable BRIDGE_X)", or nothing when the origin says little. */
    static String where(Origin origin) {
        while (origin instanceof PropertySourceOrigin wrapper && wrapper.getOrigin() != null) {
            origin = wrapper.getOrigin();
        }
        if (origin instanceof TextResourceOrigin text && text.getResource() != null && text.getLocation() != null) {
            return " (" + fileName(text.getResource()) + " line " + (text.getLocation().getLine() + 1) + ")";
        }
        if (origin instanceof SystemEnvironmentOrigin variable) {
            return " (environment variable " + variable.getProperty() + ")";
        }
        if (origin instanceof PropertySourceOrigin source && source.getPropertySource() instanceof SystemEnvironmentPropertySource) {
            return " (environment variable " + source.getPropertyName() + ")";
        }
        return "";
    }

    /** {@link #where(Origin)} of the value that wins for {@code name}. */
    static String where(Iterable<ConfigurationPropertySource> sources, ConfigurationPropertyName name) {
        for (ConfigurationPropertySource source : sources) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null) {
                return where(property.getOrigin());
            }
        }
        return "";
    }

    /** The file name ops know a configuration file by; the packaged defaults are "classpath:application.yaml". */
    static String fileName(Resource resource) {
        Resource actual = resource instanceof OriginTrackedResource tracked ? tracked.getResource() : resource;
        if (actual instanceof ClassPathResource classPath) {
            return "classpath:" + classPath.getPath();
        }
        return actual.getFilename();
    }
}
