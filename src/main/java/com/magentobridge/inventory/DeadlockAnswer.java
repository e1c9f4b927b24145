package com.magentobridge.inventory;

import com.magentobridge.magento.MagentoException;
import com.magentobridge.magento.MagentoRejectedException;

/**
 * Whether Magento's refusal of a source-items save is MSI's answer to a deadlock. Concurrent stock saves deadlock in
 * MySQL (magento/inventory #2933); MSI's {@code SourceItemsSave} catches any failure of the save in the database,
 * "1213 Deadlock found" among them, logs it and throws {@code CouldNotSaveException}, which the REST layer answers
 * with HTTP 400 {@code {"message": "Could not save Source Item"}}. The same words answer a save the database refuses
 * for good, so this answer means "try again" first, and only an answer that stays after the retries points at a SKU.
 * Any other 400 (an unknown SKU or source, a value Magento's validation refuses) names what is wrong and is pinned on
 * its SKU at once.
 *
 * <p>Magento translates the message into the locale of the store the call is made in: a store answering in another
 * language is not recognised, and its answer is pinned on a SKU as any other 400.
 */
public final class DeadlockAnswer {

    /** MSI's words for a save that failed in the database. */
    public static final String MESSAGE = "Could not save Source Item";

    private DeadlockAnswer() {
    }

    /** A 400 whose message is MSI's "Could not save Source Item" (case and a final full stop aside). */
    public static boolean is(MagentoException failure) {
        if (!(failure instanceof MagentoRejectedException) || failure.status() != 400 || failure.getMessage() == null) {
            return false;
        }
        String message = failure.getMessage().strip();
        if (message.endsWith(".")) {
            message = message.substring(0, message.length() - 1);
        }
        return MESSAGE.equalsIgnoreCase(message);
    }
}
