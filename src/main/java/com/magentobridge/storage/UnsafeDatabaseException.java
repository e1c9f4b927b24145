package com.magentobridge.storage;

/** Start-up refusal: the configured database would lose or mix up what the bridge stores. */
public class UnsafeDatabaseException extends RuntimeException {

    private final String action;

    public UnsafeDatabaseException(String problem, String action) {
        super("The bridge refuses to start: " + problem + ".");
        this.action = action;
    }

    /** What ops can do about it. */
    public String action() {
        return action;
    }
}
