package com.magentobridge.config;

import java.util.List;

/** Start-up refusal: the configuration is incomplete or contradictory. */
public class InvalidSettingsException extends RuntimeException {

    private final List<String> problems;
    private final boolean demo;

    public InvalidSettingsException(List<String> problems, boolean demo) {
        super("Invalid bridge configuration:\n - " + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
        this.demo = demo;
    }

    public List<String> problems() {
        return problems;
    }

    public boolean demo() {
        return demo;
    }
}
