package com.magentobridge.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the problems as a short list, the lines check-config prints, instead of a stack trace. */
public class InvalidSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingsException cause) {
        String action = "Fix the settings above (`java -jar magento-bridge.jar check-config [file]` lists them without "
                + "starting the bridge).";
        boolean noStore = cause.problems().stream().anyMatch(problem -> problem.startsWith("bridge.magento.base-url: not set"));
        if (!cause.demo() && noStore) {
            action += " To try the bridge without a real store, start the demo with BRIDGE_DEMO_ENABLED=true "
                    + "(built-in simulators).";
        }
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }
}
