package com.magentobridge.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.backoffice.BackOfficeExporter;
import com.magentobridge.backoffice.ExportItem;
import com.magentobridge.backoffice.ExportReport;
import com.magentobridge.config.BridgeProperties;
import com.magentobridge.magento.BearerTokenAuthentication;
import com.magentobridge.magento.MagentoClient;
import com.magentobridge.magento.MagentoOrders;
import com.magentobridge.retry.RetryPolicies;
import com.magentobridge.flow.FlowMetrics;
import com.magentobridge.simulator.magento.MagentoSimulator;
import com.magentobridge.simulator.magento.RecordedCall;
import com.magentobridge.storage.SqlDialect;

/**
 * The order import with real parts: the Magento simulator over HTTP, the real client, an in-memory H2 migrated by
 * Flyway, the ledger and the rules. Orders get explicit updated_at values (second precision, as Magento stamps them)
 * and the simulator's clock is fixed, so every run pages the same way.
 */
class OrderImporterTest {

    private static final String TOKEN = "t";
    private static final String STORE = "all";
    /** Magento answers every updatedSince call with its own pages; the backlog's orders are older than this. */
    private static final Instant BASE = Instant.parse("2026-01-10T08:00:00Z");
    /** "Now" for changes made during a poll: an hour after the backlog (e.g. the bridge was down for an hour). */
    private static final Instant LATER = BASE.plus(Duration.ofHours(1));
    /** The import only asks the back office whether it takes status updates (OrderFlow does not). */
    private static final BackOfficeExporter ORDERFLOW = new BackOfficeExporter() {
        @Override
        public ExportReport export(List<ExportItem> items) {
            throw new AssertionError("the import never exports");
        }

        @Override
        public ExportReport exportProducts(List<com.magentobridge.backoffice.ProductItem> items) {
            throw new AssertionError("the import never exports");
        }

        @Override
        public String type() {
            return "orderflow";
        }

        @Override
        public com.magentobridge.backoffice.BackOfficeHttp.Probe probe() {
            throw new AssertionError("the import never probes the back office");
        }
    };
    private static final Pattern CURRENT_PAGE = Pattern.compile("searchCriteria\\[currentPage\\]=(\\d+)");

    private MagentoSimulator magento;
    private MagentoClient client;
    private JdbcDataSource dataSource;
    private NamedParameterJdbcTemplate jdbc;
    private OrderLedger ledger;
    private TransactionTemplate transaction;
    private ObjectMapper json;
    private BridgeProperties properties;

    @BeforeEach
    void start() throws Exception {
        magento = new MagentoSimulator(TOKEN).allowIntegrationTokensAsBearer(true).start(0);
        magento.setClock(Clock.fixed(LATER, ZoneOffset.UTC));
        properties = new BridgeProperties();
        properties.getMagento().setBaseUrl(magento.baseUrl());
        properties.getMagento().setToken(TOKEN);
        properties.getOrders().getImport().setPageSize(7);
        json = Jackson2ObjectMapperBuilder.json().featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        client = new MagentoClient(properties.getMagento(), new BearerTokenAuthentication(() -> TOKEN),
                new RetryPolicies(properties.getRetry()).defaults().transientStatuses(), json, new SimpleMeterRegistry());

        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:order-import-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new NamedParameterJdbcTemplate(dataSource);
        ledger = new OrderLedger(jdbc, new SqlDialect(dataSource));
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        magento.close();
        jdbc.getJdbcTemplate().execute("SHUTDOWN");
    }

    private OrderImporter importer() {
        return importer(new MagentoOrders(client));
    }

    private OrderImporter importer(MagentoOrders orders) {
        return new OrderImporter(orders, ledger, new OrderExportRules(properties), transaction, json, properties,
                ORDERFLOW, new FlowMetrics(new SimpleMeterRegistry()));
    }

    /** Magento as the importer reads it, changed by {@code change} right after the answer to the first search. */
    private MagentoOrders changedAfterFirstPage(Runnable change) {
        AtomicInteger searches = new AtomicInteger();
        return new MagentoOrders(client) {
            @Override
            public JsonNode updatedSince(String storeCode, String updatedAtFrom, int pageSize) {
                JsonNode page = super.updatedSince(storeCode, updatedAtFrom, pageSize);
                if (searches.incrementAndGet() == 1) {
                    change.run();
                }
                return page;
            }
        };
    }

    private int order(String number, Instant updatedAt) {
        int id = magento.newOrder(number).item("SKU-" + number, 1).createdAt(updatedAt).create();
        assertThat(magento.order(id).orElseThrow().get("updated_at").asText())
                .isEqualTo(CanonicalOrderMapper.formatTime(updatedAt));
        return id;
    }

    private static String number(int i) {
        return String.format("%09d", 100 + i);
    }

    private int count(String sql) {
        return jdbc.getJdbcTemplate().queryForObject(sql, Integer.class);
    }

    /** increment_id → rows in the ledger. */
    private Map<String, Integer> ledgerRows() {
        Map<String, Integer> rows = new java.util.TreeMap<>();
        jdbc.getJdbcTemplate().query("SELECT increment_id, COUNT(*) FROM order_ledger GROUP BY increment_id",
                rs -> {
                    rows.put(rs.getString(1), rs.getInt(2));
                });
        return rows;
    }

    private String ledgerStatus(String number) {
        return jdbc.getJdbcTemplate().queryForObject("SELECT status FROM order_ledger WHERE increment_id = ?",
                String.class, number);
    }

    private int versions(long entityId) {
        return jdbc.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM order_version WHERE entity_id = ?",
                Integer.class, entityId);
    }

    private List<Integer> requestedPages() {
        List<Integer> pages = new ArrayList<>();
        for (RecordedCall call : magento.calls("/V1/orders")) {
            Matcher page = CURRENT_PAGE.matcher(call.decodedQuery());
            assertThat(page.find()).as("paged search " + call.decodedQuery()).isTrue();
            pages.add(Integer.parseInt(page.group(1)));
        }
        return pages;
    }

    private static OrderImporter.PollResult only(List<OrderImporter.PollResult> results) {
        assertThat(results).hasSize(1);
        assertThat(results.get(0).store()).isEqualTo(STORE);
        return results.get(0);
    }

    private List<String> numbers(int from, int count) {
        List<String> numbers = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            numbers.add(number(i));
        }
        return numbers;
    }

    // ------------------------------------------------------------------ paging

    @Test
    void twentyFiveOrdersOverFourPagesAreAllImportedOnceAndTheCursorIsTheNewestUpdatedAt() {
        for (int i = 0; i < 25; i++) {
            order(number(i), BASE.plusSeconds(i));
        }

        OrderImporter.PollResult result = only(poll(importer()));

        assertThat(result.created()).isEqualTo(25);
        assertThat(result.updated()).isZero();
        assertThat(result.unreadable()).isZero();
        assertThat(ledgerRows()).containsOnlyKeys(numbers(0, 25)).allSatisfy((number, rows) -> assertThat(rows).isOne());
        assertThat(count("SELECT COUNT(*) FROM order_version")).isEqualTo(25);
        assertThat(result.cursor()).isEqualTo(BASE.plusSeconds(24));
        assertThat(ledger.cursor(STORE)).contains(BASE.plusSeconds(24));
        assertThat(ledgerStatus(number(24))).isEqualTo("processing");
    }

    @Test
    void aSecondPollRereadsTheOverlapAndChangesNothing() {
        for (int i = 0; i < 25; i++) {
            order(number(i), BASE.plusSeconds(i));
        }
        OrderImporter importer = importer();
        poll(importer);
        String before = jdbc.getJdbcTemplate().queryForObject(
                "SELECT LISTAGG(entity_id || ':' || CAST(changed_at AS VARCHAR), ',') WITHIN GROUP (ORDER BY entity_id) "
                        + "FROM order_ledger", String.class);

        OrderImporter.PollResult again = only(poll(importer));

        assertThat(again.read()).as("the 60 s overlap re-reads the whole backlog").isGreaterThanOrEqualTo(25);
        assertThat(again.created()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(again.read());
        assertThat(count("SELECT COUNT(*) FROM order_version")).as("no new order_version rows").isEqualTo(25);
        assertThat(jdbc.getJdbcTemplate().queryForObject(
                "SELECT LISTAGG(entity_id || ':' || CAST(changed_at AS VARCHAR), ',') WITHIN GROUP (ORDER BY entity_id) "
                        + "FROM order_ledger", String.class)).isEqualTo(before);
        assertThat(ledger.cursor(STORE)).contains(BASE.plusSeconds(24));
    }

    @Test
    void twentyOrdersSharingOneUpdatedAtAreAllImportedOnce() {
        for (int i = 0; i < 20; i++) {
            order(number(i), BASE);
        }

        OrderImporter.PollResult result = only(poll(importer()));

        assertThat(result.created()).isEqualTo(20);
        assertThat(ledgerRows()).containsOnlyKeys(numbers(0, 20)).allSatisfy((number, rows) -> assertThat(rows).isOne());
        assertThat(count("SELECT COUNT(*) FROM order_version")).isEqualTo(20);
        assertThat(ledger.cursor(STORE)).contains(BASE);
    }

    @Test
    void thePagePastTheEndOfATieRunIsNeverUsedAsNewData() {
        // 21 orders sharing one second fill exactly three pages of 7: Magento answers page 4 with page 3 again
        for (int i = 0; i < 21; i++) {
            order(number(i), BASE);
        }

        OrderImporter.PollResult result = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> only(poll(importer())), "the poll must end although Magento never answers an empty page");

        assertThat(result.created()).isEqualTo(21);
        assertThat(result.updated()).isZero();
        assertThat(ledgerRows()).containsOnlyKeys(numbers(0, 21)).allSatisfy((number, rows) -> assertThat(rows).isOne());
        assertThat(count("SELECT COUNT(*) FROM order_version")).isEqualTo(21);
        List<Integer> pages = requestedPages();
        assertThat(pages).as("keyset paging asks Magento for first pages only, never one past the end: %s", pages)
                .isNotEmpty().containsOnly(1);
        assertThat(result.read() - result.created() - result.unchanged())
                .as("every order read was counted once as created or unchanged").isZero();
    }

    // ------------------------------------------------------------------ orders changing during a poll

    @Test
    void ordersUpdatedAndCreatedDuringAPollAreAllImportedOnceWithTheirLatestStatus() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(order(number(i), BASE.plusSeconds(i)));
        }
        int changed = ids.get(3);
        OrderImporter importer = importer(changedAfterFirstPage(() -> {
            magento.setOrderStatus(changed, "holded", "holded");
            magento.newOrder("000000900").item("SKU-NEW", 2).create();
        }));

        OrderImporter.PollResult result = only(poll(importer));

        List<String> all = numbers(0, 25);
        all.add("000000900");
        assertThat(ledgerRows()).as("0 missed, 0 duplicated after one poll").containsOnlyKeys(all)
                .allSatisfy((number, rows) -> assertThat(rows).isOne());
        assertThat(ledgerStatus(number(3))).isEqualTo("holded");
        assertThat(ledgerStatus("000000900")).isEqualTo("processing");
        assertThat(result.created()).isEqualTo(26);
        assertThat(ledger.cursor(STORE)).contains(LATER);
    }

    @Test
    void anOrderOfATieRunUpdatedDuringThePollShiftsNoOtherOrderOutOfTheImport() {
        // a backlog of 20 orders saved in one second (a mass action), read from a cursor at that second; while the
        // bridge reads the first page of the run, Magento updates one of its orders and takes a new one
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(order(number(i), BASE));
        }
        properties.getOrders().getImport().setSince(BASE.plus(properties.getOrders().getImport().getOverlap()));
        int changed = ids.get(0);
        OrderImporter importer = importer(changedAfterFirstPage(() -> {
            magento.setOrderStatus(changed, "holded", "holded");
            magento.newOrder("000000900").item("SKU-NEW", 2).create();
        }));

        poll(importer);
        poll(importer); // a second poll, in case the design relies on the overlap to catch up

        List<String> all = numbers(0, 20);
        all.add("000000900");
        assertThat(ledgerRows()).as("0 missed, 0 duplicated after two polls").containsOnlyKeys(all)
                .allSatisfy((number, rows) -> assertThat(rows).isOne());
        assertThat(ledgerStatus(number(0))).isEqualTo("holded");
    }

    @Test
    void aStatusChangeWithinTheSameSecondIsSeenAsAChange() {
        magento.setClock(Clock.fixed(BASE, ZoneOffset.UTC));
        int id = magento.newOrder("000000501").item("SKU-1", 1).create();
        OrderImporter importer = importer();
        poll(importer);

        magento.setOrderStatus(id, "holded", "holded");
        assertThat(magento.order(id).orElseThrow().get("updated_at").asText()).isEqualTo("2026-01-10 08:00:00");
        OrderImporter.PollResult result = only(poll(importer));

        assertThat(result.updated()).isOne();
        assertThat(ledgerStatus("000000501")).isEqualTo("holded");
        assertThat(versions(id)).as("two versions stamped with the same second").isEqualTo(2);
        assertThat(jdbc.getJdbcTemplate().queryForObject(
                "SELECT change_summary FROM order_version WHERE entity_id = ? AND status = 'holded'", String.class, id))
                .contains("status processing → holded");
    }

    @Test
    void aStatusChangedBackWithinTheSameSecondEndsWithTheLatestStatus() {
        magento.setClock(Clock.fixed(BASE, ZoneOffset.UTC));
        int id = magento.newOrder("000000502").item("SKU-1", 1).create();
        OrderImporter importer = importer();
        poll(importer);
        magento.setOrderStatus(id, "holded", "holded");
        poll(importer);

        magento.setOrderStatus(id, "processing", "processing"); // unhold, still in the same second
        poll(importer);

        assertThat(ledgerStatus("000000502")).as("Magento says processing again").isEqualTo("processing");
    }

    // ------------------------------------------------------------------ unreadable orders

    private int unreadable(long entityId, Instant updatedAt) {
        ObjectMapper plain = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode order = plain.createObjectNode();
        order.put("entity_id", entityId);
        // the simulator fills in a missing increment_id, so a blank one stands for "no increment_id"
        order.put("increment_id", "");
        order.put("state", "processing");
        order.put("status", "processing");
        order.put("created_at", CanonicalOrderMapper.formatTime(updatedAt));
        order.put("updated_at", CanonicalOrderMapper.formatTime(updatedAt));
        com.fasterxml.jackson.databind.node.ObjectNode item = order.putArray("items").addObject();
        item.put("item_id", 90_000 + entityId);
        item.put("sku", "BROKEN");
        item.put("product_type", "simple");
        item.put("qty_ordered", 1);
        return magento.addOrder(order);
    }

    @Test
    void anUnreadableOrderIsSkippedWithoutBlockingTheOthersAndTheCursorMoves() {
        for (int i = 0; i < 10; i++) {
            order(number(i), BASE.plusSeconds(2L * i));
        }
        unreadable(5_000, BASE.plusSeconds(5));
        unreadable(5_001, BASE.plusSeconds(30));

        OrderImporter.PollResult result = only(poll(importer()));

        assertThat(result.unreadable()).isEqualTo(2);
        assertThat(result.created()).isEqualTo(10);
        assertThat(ledgerRows()).containsOnlyKeys(numbers(0, 10));
        assertThat(count("SELECT COUNT(*) FROM order_ledger WHERE entity_id IN (5000, 5001)")).isZero();
        assertThat(ledger.cursor(STORE)).as("unreadable orders are logged and counted, and passed: they block nothing")
                .contains(BASE.plusSeconds(30));

        int later = order("000000700", BASE.plusSeconds(40));
        OrderImporter.PollResult next = only(poll(importer()));
        assertThat(next.created()).isOne();
        assertThat(ledger.find(later)).isPresent();
        assertThat(ledger.cursor(STORE)).contains(BASE.plusSeconds(40));
    }

    @Test
    void aWholePageOfUnreadableOrdersDoesNotStopTheImport() {
        properties.getOrders().getImport().setPageSize(2);
        unreadable(5_000, BASE);
        unreadable(5_001, BASE.plusSeconds(1));
        for (int i = 0; i < 3; i++) {
            order(number(i), BASE.plusSeconds(10 + i));
        }
        OrderImporter importer = importer();

        poll(importer);
        poll(importer);

        assertThat(ledgerRows()).as("the orders after the unreadable ones").containsOnlyKeys(numbers(0, 3));
        assertThat(ledger.cursor(STORE)).contains(BASE.plusSeconds(12));
    }

    // ------------------------------------------------------------------ what is stored

    @Test
    void theLedgerKeepsTheCanonicalOrderAndTheExportDecision() throws Exception {
        properties.getMappings().getOrderStatuses().put("processing", "new");
        properties.getBackoffice().setChannel("web");
        properties.getBackoffice().setOrganisation("acme");
        int mapped = magento.newOrder("000000601").item("SKU-1", 2).createdAt(BASE).create();
        int unmapped = magento.newOrder("000000602").item("SKU-1", 1).createdAt(BASE.plusSeconds(1)).create();
        properties.getMappings().getPaymentMethods().put("checkmo", "CHEQUE");
        magento.setOrderStatus(unmapped, "pending", "pending");

        poll(importer());

        OrderLedger.Entry entry = ledger.find(mapped).orElseThrow();
        assertThat(entry.incrementId()).isEqualTo("000000601");
        assertThat(entry.exportState()).isEqualTo(ExportDecision.PENDING);
        CanonicalOrder stored = json.readValue(entry.payload(), CanonicalOrder.class);
        assertThat(stored.incrementId()).isEqualTo("000000601");
        assertThat(stored.updatedAt()).isEqualTo(BASE);
        assertThat(stored.lines()).singleElement().satisfies(line -> {
            assertThat(line.sku()).isEqualTo("SKU-1");
            assertThat(line.qtyOrdered()).isEqualByComparingTo("2");
        });
        assertThat(ledger.find(unmapped).orElseThrow().exportState()).isEqualTo(ExportDecision.INELIGIBLE);
        assertThat(jdbc.getJdbcTemplate().queryForObject(
                "SELECT export_reason FROM order_ledger WHERE entity_id = ?", String.class, unmapped))
                .contains("'pending'", "bridge.orders.export.statuses");
    }

    /** A poll as routes/orders-import.camel.yaml runs it: per store, a page read and recorded until there is no more. */
    private static List<OrderImporter.PollResult> poll(OrderImporter importer) {
        List<OrderImporter.PollResult> results = new java.util.ArrayList<>();
        for (OrderImporter.StorePoll store : importer.openPolls()) {
            while (store.hasMore()) {
                importer.recordPage(importer.readPage(store));
            }
            results.add(importer.closePoll(store));
        }
        return results;
    }
}
