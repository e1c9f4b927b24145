package com.magentobridge.storage;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the refusal and its fix instead of a stack trace. */
public class UnsafeDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeDatabaseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeDatabaseException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
