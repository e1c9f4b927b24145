package com.magentobridge.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the missing settings as a short list instead of a stack trace. */
public class InvalidSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingsException cause) {
        String action = cause.demo()
                ? "Fix the settings above."
                : "Set the variables above to point the bridge at a real store, or start the demo with "
                  + "BRIDGE_DEMO_ENABLED=true (built-in simulators, no real store).";
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }
}
