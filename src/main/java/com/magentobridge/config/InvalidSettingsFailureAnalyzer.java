package com.magentobridge.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the problems as a short list, the lines check-config prints, instead of a stack trace. */
public class InvalidSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingsException cause) {
        String check = " `java -jar magento-bridge.jar check-config [file]` lists the same problems without starting "
                + "the bridge.";
        String action = cause.demo()
                ? "Fix the settings above." + check
                : "Fix the settings above; to point the bridge at a real store set the variables named, or start the "
                  + "demo with BRIDGE_DEMO_ENABLED=true (built-in simulators, no real store)." + check;
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }
}
