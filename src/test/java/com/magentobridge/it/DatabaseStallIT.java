package com.magentobridge.it;

import static com.magentobridge.it.DatabaseOutageIT.MAGENTO;
import static com.magentobridge.it.DatabaseOutageIT.OUTAGE;
import static com.magentobridge.it.DatabaseOutageIT.RECOVERY_BOUND;
import static com.magentobridge.it.DatabaseOutageIT.WAIT;
import static com.magentobridge.it.DatabaseOutageIT.quantity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.magentobridge.it.OutageTraffic.Call;

/**
 * PostgreSQL stops answering without going away (a frozen server, a firewall that drops packets): no error, no reset,
 * the connections stay open and nothing comes back. Nothing but the bridge's own timeouts can end a call then — the
 * pool's wait, the check of an idle connection, the receipt's bounded reads: every call is still refused within a few
 * seconds and then at once, liveness stays UP, and when the server answers again acknowledgements resume. The bridge
 * reaches the shared PostgreSQL (a database of its own) through {@link FreezingProxy}.
 */
class DatabaseStallIT {

    private static final String DATABASE = "stall";
    private static final AtomicLong IDS = new AtomicLong(5_000_000_000L + System.nanoTime() % 1_000_000_000L);

    private static FreezingProxy proxy;
    private static ConfigurableApplicationContext bridge;
    private static OutageTraffic traffic;

    @BeforeAll
    static void startBridgeBehindTheProxy() throws IOException {
        SharedPostgres.jdbcUrl(DATABASE);
        proxy = new FreezingProxy(SharedPostgres.SERVER.getPort());
        bridge = DatabaseOutageIT.startBridge(DATABASE,
                "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + DATABASE + "?reWriteBatchedInserts=true");
        traffic = new OutageTraffic(DatabaseOutageIT.client(bridge));
    }

    @AfterAll
    static void stopBridge() throws IOException {
        if (proxy != null) {
            proxy.thaw();
        }
        try {
            if (bridge != null && bridge.isActive()) {
                bridge.close();
            }
        } finally {
            if (proxy != null) {
                proxy.close();
            }
        }
    }

    @Test
    void aPostgresThatStopsAnsweringHoldsNoCallAndAcksResumeWhenItAnswersAgain() {
        String sku = "STALL-" + IDS.incrementAndGet();
        MAGENTO.addProduct(sku);
        long before = IDS.incrementAndGet();
        assertThat(traffic.inventory("soap11", before, sku, 5, before).acknowledged()).isTrue();
        await("the message before the stall applied").atMost(WAIT)
                .until(() -> quantity(sku, 5) && "PROCESSED".equals(state(before)));

        proxy.freeze();
        List<Call> outage = traffic.during(OUTAGE, sku, IDS::incrementAndGet);

        OutageTraffic.assertRefusedThroughout("DatabaseStallIT", outage);

        List<Call> inbound = outage.stream().filter(Call::inbound).toList();
        long resent = inbound.stream().filter(c -> c.kind().equals("soap11")).mapToLong(Call::messageSeqId).max()
                .orElseThrow();
        long newestSeq = IDS.incrementAndGet();
        proxy.thaw();
        long thawed = System.nanoTime();
        await("an acknowledgement once PostgreSQL answers again").atMost(WAIT).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> traffic.inventory("soap11-again", resent, sku, 7, newestSeq), Call::acknowledged);
        Duration recovery = Duration.ofNanos(System.nanoTime() - thawed);
        System.out.println("DatabaseStallIT: acknowledged again " + recovery.toMillis()
                + " ms after PostgreSQL answered again");
        assertThat(recovery).as("from PostgreSQL answering again to the first acknowledgement").isLessThan(RECOVERY_BOUND);
        assertThat(stored(inbound.stream().map(Call::messageSeqId).toList()))
                .as("stored: of the stall's messages only the one sent again after it, once").containsExactly(resent);
        await("the message sent again applied").atMost(WAIT).until(() -> quantity(sku, 7));
        await("readiness UP again").atMost(WAIT)
                .until(() -> traffic.probe("readiness-again", OutageTraffic.ANSWER_BOUND).status() == 200);
    }

    /** Read past the proxy, straight from PostgreSQL. */
    private static JdbcTemplate database() {
        return new JdbcTemplate(new DriverManagerDataSource(SharedPostgres.jdbcUrl(DATABASE)));
    }

    private static String state(long messageSeqId) {
        return database().query("SELECT state FROM inbound_request WHERE message_seq_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, messageSeqId);
    }

    private static List<Long> stored(List<Long> messageSeqIds) {
        String ids = messageSeqIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        return database().queryForList("SELECT message_seq_id FROM inbound_request WHERE message_seq_id IN (" + ids + ")",
                Long.class);
    }
}
