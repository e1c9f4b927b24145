package com.magentobridge.config;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.quartz.CronExpression;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;

/**
 * Every {@code bridge.…cron} setting, wherever it is set (files, environment, command line), must be a Quartz cron
 * expression: the schedules are Quartz triggers, and a bad expression would otherwise only fail when its route
 * starts. Found by name, so a schedule added later is checked without listing it here.
 */
final class CronSettings {

    private CronSettings() {
    }

    static List<String> problems(Iterable<ConfigurationPropertySource> sources, Binder binder) {
        Set<ConfigurationPropertyName> crons = new LinkedHashSet<>();
        for (ConfigurationPropertySource source : sources) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream()
                        .filter(name -> BridgeSettingsBinding.BRIDGE.isAncestorOf(name)
                                && name.getLastElement(ConfigurationPropertyName.Form.UNIFORM).equals("cron"))
                        .forEach(crons::add);
            }
        }
        List<String> problems = new ArrayList<>();
        for (ConfigurationPropertyName name : crons) {
            String expression = binder.bind(name, Bindable.of(String.class)).orElse("");
            if (expression.isBlank()) {
                continue; // "not set" is the setting's own validation to judge
            }
            try {
                CronExpression.validateExpression(expression);
            } catch (ParseException e) {
                problems.add(name + ": '" + expression + "' is not a Quartz cron expression: "
                        + e.getMessage().replaceAll("\\.$", "") + "; Quartz puts seconds first, e.g. \"0 */5 * * * ?\""
                        + SettingOrigins.where(sources, name));
            }
        }
        return problems;
    }
}
