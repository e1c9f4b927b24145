package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import com.magentobridge.storage.InboxStore;

/**
 * A batch that fails between its claim and its record frees its SKUs: here the statement that marks its requests as
 * being written (committed before the first Magento call) fails once. Nothing was sent; the next run takes the
 * requests back and applies them. Before, the failed batch kept its SKU locks and the next claim of the same SKUs
 * waited for them for good, on every node.
 */
@org.springframework.test.context.TestPropertySource(properties =
        "camel.servlet.mapping.servlet-name=CamelServletBatchFailure")
class InventoryBatchFailureIT extends AbstractBridgeIT {

    @MockitoSpyBean
    InboxStore inboxStore;

    @Test
    void aBatchWhoseWriteMarkFailsFreesItsSkusAndTheNextRunAppliesIt() throws Exception {
        AtomicInteger marks = new AtomicInteger();
        doAnswer(call -> {
            if (marks.getAndIncrement() == 0) {
                throw new QueryTimeoutException("the database did not answer in time");
            }
            return call.callRealMethod();
        }).when(inboxStore).markWriting(anyCollection(), anyString());
        String sku = "IT-MARKFAIL-" + nextMessageId();
        MAGENTO.addProduct(sku);
        long message = nextMessageId();

        assertThat(bridge().soap("/soap/default", BridgeClient.m2Envelope(message, BridgeClient.line(sku, 37, 5)))
                .body()).contains("Success - Message " + message + " Received");

        await().atMost(Duration.ofSeconds(30)).until(() -> "Success".equals(lineResult(message, sku)));
        assertThat(MAGENTO.sourceQuantity(sku, "default")).isEqualByComparingTo("37");
        assertThat(marks.get()).as("the failed mark, then the one of the run that applied it").isGreaterThanOrEqualTo(2);
        assertThat(MAGENTO.stockWrites().stream().filter(w -> w.sku().equals(sku)).count()).isEqualTo(1);
    }
}
