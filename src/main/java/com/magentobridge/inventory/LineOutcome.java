package com.magentobridge.inventory;

import com.magentobridge.flow.LineResult;


/** A line's recorded result; {@code updatedQty} is the quantity written to Magento, when one was. */
public record LineOutcome(LineResult result, Long updatedQty, String message) {

    public static LineOutcome success(long qty) {
        return new LineOutcome(LineResult.Success, qty, successMessage(qty));
    }

    /** The extension's wording for an applied line; the audit derives it from the stored quantity. */
    public static String successMessage(long qty) {
        return "Product Quantity Successfully Updated to " + qty;
    }

    public static LineOutcome superseded(String message) {
        return new LineOutcome(LineResult.Superseded, null, message);
    }

    public static LineOutcome failed(String message) {
        return new LineOutcome(LineResult.Failed, null, message);
    }
}
