package com.magentobridge.storage;

/** Values made to fit their columns. */
public final class Columns {

    /** The width of the message and reason columns (VARCHAR(1000)). */
    public static final int MESSAGE = 1000;

    private Columns() {
    }

    /** The text cut to {@code width} characters, the cut marked with "…"; null stays null. */
    public static String fit(String text, int width) {
        return text == null || text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    public static String fit(String text) {
        return fit(text, MESSAGE);
    }
}
