package com.magentobridge.config;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.DefaultBootstrapContext;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.RandomValuePropertySource;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * {@code java -jar magento-bridge.jar check-config [file]}: loads the configuration the way the bridge would and
 * prints {@code OK} (exit 0) or one line per problem (exit 2), without starting Spring's context, Camel, the web
 * server or the database. Without a file: the packaged defaults, ./application.yaml (and the other places Spring
 * Boot looks) and the environment. With a file: the packaged defaults, that file instead of ./application.yaml, and
 * the environment, which is where the bridge finds secrets. Exit 1 when the check cannot run (bad arguments, no such
 * file).
 */
public final class ConfigCheckCommand {

    public static final String NAME = "check-config";
    static final int VALID = 0;
    static final int CANNOT_CHECK = 1;
    static final int INVALID = 2;

    private ConfigCheckCommand() {
    }

    /** {@code arguments} are those after the command's name. */
    public static int run(List<String> arguments, Map<String, String> environmentVariables, PrintStream out) {
        if (arguments.size() > 1 || arguments.stream().anyMatch(argument -> argument.startsWith("-"))) {
            out.println("usage: " + NAME + " [file.yaml]");
            return CANNOT_CHECK;
        }
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new LinkedHashMap<>(environmentVariables)));
        RandomValuePropertySource.addToEnvironment(environment);
        if (!arguments.isEmpty()) {
            Path file = Path.of(arguments.get(0)).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                out.println(NAME + ": " + arguments.get(0) + ": no such file");
                return CANNOT_CHECK;
            }
            // as spring.config.location would be set to run the bridge on this file: packaged defaults, then the file
            environment.getPropertySources().addFirst(new MapPropertySource(NAME, Map.of("spring.config.location",
                    "optional:classpath:/,optional:classpath:/config/,file:" + file)));
        }
        List<String> problems;
        try {
            ConfigDataEnvironmentPostProcessor.applyTo(environment,
                    new DefaultResourceLoader(ConfigCheckCommand.class.getClassLoader()), new DefaultBootstrapContext());
            problems = ConfigurationCheck.problems(environment);
        } catch (RuntimeException e) {
            InvalidSettingsException invalid = invalidSettings(e);
            if (invalid == null) {
                out.println(NAME + ": cannot read the configuration: " + NestedExceptionUtils.getMostSpecificCause(e).getMessage());
                return CANNOT_CHECK;
            }
            problems = invalid.problems();
        }
        if (problems.isEmpty()) {
            out.println("OK");
            return VALID;
        }
        problems.forEach(out::println);
        return INVALID;
    }

    private static InvalidSettingsException invalidSettings(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidSettingsException invalid) {
                return invalid;
            }
        }
        return null;
    }
}
