package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After a crash (kill -9 mid-batch) the embedded H2 holds requests claimed by a process that is gone: the restarted
 * bridge takes them back at once instead of waiting for the claim lease.
 */
class RecoveryIT extends AbstractBridgeIT {

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void requestsClaimedByAProcessThatIsGoneAreProcessedWithoutWaitingForTheLease() {
        String sku = "IT-RECOVER-" + nextMessageId();
        MAGENTO.addProduct(sku);
        long msg = nextMessageId();
        // request and body in one transaction, as the inbox writes them: the bridge never sees one without the other
        long requestId = transactions.execute(status -> insertCrashedClaim(msg, sku));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lineResult(msg, sku)).isEqualTo("Success"));
        assertThat(MAGENTO.sourceQuantity(sku, "default")).isEqualByComparingTo("6");
        assertThat(jdbc.queryForObject("SELECT state FROM inbound_request WHERE id = ?", String.class, requestId))
                .isEqualTo("PROCESSED");
    }

    private long insertCrashedClaim(long msg, String sku) {
        jdbc.update("""
                INSERT INTO inbound_request (flow, operation, channel, store_code, message_seq_id, state, line_count,
                                             received_at, claimed_at, claimed_by)
                VALUES ('inventory', 'test', 'soap', 'default', ?, 'PROCESSING', 1, ?, ?, '4242@crashed-host')""",
                msg, OffsetDateTime.now(), OffsetDateTime.now());
        long requestId = jdbc.queryForObject("SELECT id FROM inbound_request WHERE message_seq_id = ?", Long.class, msg);
        jdbc.update("INSERT INTO inbound_request_body (request_id, raw_body, lines) VALUES (?, '<x/>', ?)",
                requestId, "[[\"" + sku + "\",\"default\",6,9]]");
        return requestId;
    }
}
