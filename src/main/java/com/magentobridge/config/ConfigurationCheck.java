package com.magentobridge.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The one check of a configuration, run by start-up ({@link StartupConfigurationCheck}) and by the
 * {@code check-config} command ({@link ConfigCheckCommand}) on an environment loaded the way the bridge loads it:
 * unknown keys, values that do not bind or break a constraint, malformed cron expressions, missing credentials and
 * mappings that cannot work ({@link SettingsRules}). Duplicate YAML keys are refused earlier, while the files are
 * read ({@link CheckedConfigFileLoader}). One line per problem, {@code <key.path>: <problem>}, sorted by key.
 */
public final class ConfigurationCheck {

    private ConfigurationCheck() {
    }

    private record Outcome(List<String> problems, boolean demo) { }

    public static List<String> problems(ConfigurableEnvironment environment) {
        return run(environment).problems();
    }

    /** Throws {@link InvalidSettingsException} listing every problem, if there is one. */
    public static void verify(ConfigurableEnvironment environment) {
        Outcome outcome = run(environment);
        if (!outcome.problems().isEmpty()) {
            throw new InvalidSettingsException(outcome.problems(), outcome.demo());
        }
    }

    private static Outcome run(ConfigurableEnvironment environment) {
        Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
        Binder binder = Binder.get(environment);
        BridgeSettingsBinding.Result bound = BridgeSettingsBinding.bind(binder, sources);
        Set<String> problems = new TreeSet<>(bound.problems());
        problems.addAll(LibrarySettings.onClasspath().unknownKeys(sources));
        problems.addAll(CronSettings.problems(sources, binder));
        problems.addAll(SettingsRules.problems(bound.properties()));
        return new Outcome(List.copyOf(problems), bound.properties().getDemo().isEnabled());
    }
}
