package com.magentobridge.flow;

import java.util.concurrent.Semaphore;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * One run of a kind at a time on this node (an export run scheduled, or asked for by ops while a scheduled one is under
 * way): {@link #take} waits for the run in progress, if any, and holds the turn until the exchange is done, however it
 * ends. One run at a time is what lets a claim take back this node's own queued rows as left-overs: no batch of this
 * node can still be sending them.
 */
public final class RunTurn {

    private final Semaphore turn = new Semaphore(1, true);

    public void take(Exchange exchange) throws InterruptedException {
        turn.acquire();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                turn.release();
            }
        });
    }
}
