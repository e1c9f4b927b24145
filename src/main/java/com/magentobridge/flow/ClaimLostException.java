package com.magentobridge.flow;

import java.util.List;

/**
 * A processing run lost its claims before a write (see {@link InboxClaim}): the write is not sent and nothing of the
 * run is recorded. Not a failure of the work: no retry, no dead letter; whoever holds the claims now applies it.
 */
public class ClaimLostException extends RuntimeException {

    public ClaimLostException(String flow, List<Long> requestIds) {
        super("the " + flow + " batch of requests " + requestIds + " lost its claims (this bridge's database session "
                + "ended): not written, left to whoever holds them now");
    }
}
