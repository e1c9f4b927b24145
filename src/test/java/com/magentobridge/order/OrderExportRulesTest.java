package com.magentobridge.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.magentobridge.backoffice.ExportItem;
import com.magentobridge.config.BridgeProperties;

/** Which orders go to the back office and with which values: eligibility first, then mappings (never guessed). */
class OrderExportRulesTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");

    private BridgeProperties properties;

    @BeforeEach
    void mappedAsShipped() {
        properties = new BridgeProperties();
        properties.getOrders().getExport().setStatuses(new ArrayList<>(List.of("processing", "complete")));
        BridgeProperties.Mappings mappings = properties.getMappings();
        mappings.getOrderStatuses().putAll(Map.of("processing", "new", "complete", "despatched"));
        mappings.getPaymentMethods().putAll(Map.of("checkmo", "CHEQUE", "paypal_express", "PAYPAL"));
        properties.getBackoffice().setBaseUrl("https://backoffice.example.com");
        properties.getBackoffice().setChannel("web");
        properties.getBackoffice().setOrganisation("acme");
    }

    private OrderExportRules rules() {
        return new OrderExportRules(properties);
    }

    private static CanonicalOrder.Line line(String sku, boolean virtual) {
        BigDecimal two = BigDecimal.valueOf(2);
        return new CanonicalOrder.Line(7, sku, sku, virtual ? "virtual" : "simple", two, two, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.valueOf(20), BigDecimal.valueOf(20), virtual);
    }

    private static CanonicalOrder order(String status, String payment, int storeId, boolean virtual,
                                        boolean fullyInvoiced, Instant createdAt, List<CanonicalOrder.Line> lines) {
        return new CanonicalOrder(42, "000000042", storeId, "Default Store View", "processing", status, createdAt,
                createdAt, "USD", "USD", new CanonicalOrder.Customer(1L, false, "jane@example.com", "Jane", "Doe", 1),
                payment, "flatrate_flatrate", "Flat Rate - Fixed",
                new CanonicalOrder.Totals(BigDecimal.valueOf(20), BigDecimal.valueOf(20), BigDecimal.ZERO,
                        BigDecimal.ZERO, BigDecimal.valueOf(5), BigDecimal.ZERO, BigDecimal.valueOf(5),
                        BigDecimal.valueOf(25), BigDecimal.valueOf(25)),
                null, null, null, null, null, lines, virtual, fullyInvoiced, null);
    }

    private static CanonicalOrder exportable() {
        return order("processing", "checkmo", 1, false, true, CREATED, List.of(line("SKU-1", false)));
    }

    private static CanonicalOrder withStatus(String status) {
        return order(status, "checkmo", 1, false, true, CREATED, List.of(line("SKU-1", false)));
    }

    private static CanonicalOrder withPayment(String payment) {
        return order("processing", payment, 1, false, true, CREATED, List.of(line("SKU-1", false)));
    }

    private static CanonicalOrder inStore(int storeId) {
        return order("processing", "checkmo", storeId, false, true, CREATED, List.of(line("SKU-1", false)));
    }

    private static BridgeProperties.StoreMapping store(String channel, String organisation, String site) {
        BridgeProperties.StoreMapping mapping = new BridgeProperties.StoreMapping();
        mapping.setChannel(channel);
        mapping.setOrganisation(organisation);
        mapping.setSite(site);
        return mapping;
    }

    // ------------------------------------------------------------------ eligibility

    @Test
    void fullyInvoicedMappedOrderInAnExportedStatusIsPending() {
        ExportDecision decision = rules().decide(exportable());

        assertThat(decision.state()).isEqualTo(ExportDecision.PENDING);
        assertThat(decision.reason()).isNull();
    }

    @Test
    void statusNotInTheExportedListIsIneligibleNamingTheSetting() {
        ExportDecision decision = rules().decide(withStatus("pending"));

        assertThat(decision.state()).isEqualTo(ExportDecision.INELIGIBLE);
        assertThat(decision.reason()).contains("'pending'", "[processing, complete]", "bridge.orders.export.statuses");
    }

    @Test
    void orderWithoutAStatusIsIneligible() {
        ExportDecision decision = rules().decide(withStatus(null));

        assertThat(decision.state()).isEqualTo(ExportDecision.INELIGIBLE);
        assertThat(decision.reason()).contains("bridge.orders.export.statuses");
    }

    @Test
    void virtualOrderIsIneligible() {
        ExportDecision flagged = rules().decide(order("processing", "checkmo", 1, true, true, CREATED,
                List.of(line("EBOOK", true))));
        ExportDecision onlyVirtualLines = rules().decide(order("processing", "checkmo", 1, false, true, CREATED,
                List.of(line("EBOOK", true), line("WARRANTY", true))));

        assertThat(flagged.state()).isEqualTo(ExportDecision.INELIGIBLE);
        assertThat(flagged.reason()).containsIgnoringCase("virtual");
        assertThat(onlyVirtualLines.state()).isEqualTo(ExportDecision.INELIGIBLE);
        assertThat(onlyVirtualLines.reason()).containsIgnoringCase("virtual");
    }

    @Test
    void orderWithOneShippableLineAmongVirtualOnesIsExported() {
        ExportDecision decision = rules().decide(order("processing", "checkmo", 1, false, true, CREATED,
                List.of(line("EBOOK", true), line("BOOK", false))));

        assertThat(decision.state()).isEqualTo(ExportDecision.PENDING);
    }

    @Test
    void notFullyInvoicedIsIneligibleNamingTheSetting() {
        CanonicalOrder unpaid = order("processing", "checkmo", 1, false, false, CREATED, List.of(line("SKU-1", false)));

        ExportDecision decision = rules().decide(unpaid);

        assertThat(decision.state()).isEqualTo(ExportDecision.INELIGIBLE);
        assertThat(decision.reason()).contains("invoiced", "bridge.orders.export.require-invoiced");

        properties.getOrders().getExport().setRequireInvoiced(false);
        assertThat(rules().decide(unpaid).state()).isEqualTo(ExportDecision.PENDING);
    }

    @Test
    void orderCreatedBeforeMinCreatedAtIsIneligibleNamingTheSetting() {
        properties.getOrders().getExport().setMinCreatedAt(CREATED.plusSeconds(1));

        ExportDecision decision = rules().decide(exportable());

        assertThat(decision.state()).isEqualTo(ExportDecision.INELIGIBLE);
        assertThat(decision.reason()).contains(CREATED.toString(), CREATED.plusSeconds(1).toString(),
                "bridge.orders.export.min-created-at");
    }

    @Test
    void orderCreatedAtMinCreatedAtIsExported() {
        properties.getOrders().getExport().setMinCreatedAt(CREATED);

        assertThat(rules().decide(exportable()).state()).isEqualTo(ExportDecision.PENDING);
    }

    @Test
    void eligibilityIsDecidedBeforeMappings() {
        ExportDecision decision = rules().decide(order("pending", "klarna", 9, false, false, CREATED,
                List.of(line("SKU-1", false))));

        assertThat(decision.state()).as("not exportable anyway: no need to map it").isEqualTo(ExportDecision.INELIGIBLE);
    }

    // ------------------------------------------------------------------ mappings

    @Test
    void unmappedPaymentMethodParksTheOrderNamingTheKey() {
        ExportDecision decision = rules().decide(withPayment("klarna"));

        assertThat(decision.state()).isEqualTo(ExportDecision.PARKED);
        assertThat(decision.reason()).contains("'klarna'", "bridge.mappings.payment-methods.[klarna]");
    }

    @Test
    void unmappedStatusParksTheOrderNamingTheKey() {
        properties.getMappings().getOrderStatuses().remove("complete");

        ExportDecision decision = rules().decide(withStatus("complete"));

        assertThat(decision.state()).isEqualTo(ExportDecision.PARKED);
        assertThat(decision.reason()).contains("'complete'", "bridge.mappings.order-statuses.[complete]");
    }

    @Test
    void storeWithoutAChannelParksTheOrderNamingTheStoreKeyAndTheVariable() {
        properties.getBackoffice().setChannel(null);

        ExportDecision decision = rules().decide(inStore(3));

        assertThat(decision.state()).isEqualTo(ExportDecision.PARKED);
        assertThat(decision.reason()).contains("store 3", "bridge.mappings.stores.3.channel", "BRIDGE_BACKOFFICE_CHANNEL");
        assertThat(decision.reason()).doesNotContain("organisation");
    }

    @Test
    void storeWithoutAnOrganisationParksTheOrderNamingTheStoreKeyAndTheVariable() {
        properties.getBackoffice().setOrganisation(null);

        ExportDecision decision = rules().decide(inStore(1));

        assertThat(decision.state()).isEqualTo(ExportDecision.PARKED);
        assertThat(decision.reason()).contains("bridge.mappings.stores.1.organisation", "BRIDGE_BACKOFFICE_ORGANISATION");
    }

    @Test
    void everyMissingMappingIsListedInOneReason() {
        properties.getBackoffice().setChannel(null);
        properties.getMappings().getOrderStatuses().remove("complete");

        ExportDecision decision = rules().decide(order("complete", "klarna", 4, false, true, CREATED,
                List.of(line("SKU-1", false))));

        assertThat(decision.state()).isEqualTo(ExportDecision.PARKED);
        assertThat(decision.reason()).startsWith("Not exported until mapped: ")
                .contains("bridge.mappings.order-statuses.[complete]", "bridge.mappings.payment-methods.[klarna]",
                        "bridge.mappings.stores.4.channel");
        assertThat(decision.reason().split("; ")).hasSize(3);
    }

    @Test
    void storeWithNeitherChannelNorOrganisationNamesBothKeys() {
        properties.getBackoffice().setChannel(null);
        properties.getBackoffice().setOrganisation(null);

        ExportDecision decision = rules().decide(inStore(5));

        assertThat(decision.state()).isEqualTo(ExportDecision.PARKED);
        assertThat(decision.reason()).as("ops should learn every missing key at once, not one per export attempt")
                .contains("bridge.mappings.stores.5.channel", "bridge.mappings.stores.5.organisation",
                        "BRIDGE_BACKOFFICE_CHANNEL", "BRIDGE_BACKOFFICE_ORGANISATION");
    }

    @Test
    void magentoCodesWithUnderscoresAreNamedAsWritten() {
        // Magento status and payment codes are [a-z0-9_]; Spring Boot keeps '_' in these map keys, so the key is
        // usable as named (only spaces and the like need application.yaml's bracket notation)
        properties.getMappings().getPaymentMethods().remove("paypal_express");
        properties.getOrders().getExport().setStatuses(new ArrayList<>(List.of("processing", "pending_payment")));

        ExportDecision decision = rules().decide(order("pending_payment", "paypal_express", 1, false, true, CREATED,
                List.of(line("SKU-1", false))));

        assertThat(decision.state()).isEqualTo(ExportDecision.PARKED);
        assertThat(decision.reason()).contains("bridge.mappings.order-statuses.[pending_payment]",
                "bridge.mappings.payment-methods.[paypal_express]");
    }

    @Test
    void storeMappingSuppliesWhatTheBackOfficeDefaultsLack() {
        properties.getBackoffice().setChannel(null);
        properties.getBackoffice().setOrganisation(null);
        properties.getMappings().getStores().put("2", store("web-eu", "acme-eu", "eu_source"));

        assertThat(rules().decide(inStore(2)).state()).isEqualTo(ExportDecision.PENDING);
        assertThat(rules().decide(inStore(1)).state()).isEqualTo(ExportDecision.PARKED);
    }

    // ------------------------------------------------------------------ export values

    @Test
    void itemCarriesTheMappedValuesAndTheBackOfficeDefaults() {
        CanonicalOrder order = exportable();

        ExportItem item = rules().item(order);

        assertThat(item.order()).isSameAs(order);
        assertThat(item.status()).isEqualTo("new");
        assertThat(item.paymentMethod()).isEqualTo("CHEQUE");
        assertThat(item.channel()).isEqualTo("web");
        assertThat(item.organisation()).isEqualTo("acme");
        assertThat(item.site()).isNull();
    }

    @Test
    void storeMappingOverridesTheBackOfficeChannelAndOrganisation() {
        properties.getMappings().getStores().put("2", store("web-eu", "acme-eu", "eu_source"));

        ExportItem item = rules().item(order("complete", "paypal_express", 2, false, true, CREATED,
                List.of(line("SKU-1", false))));

        assertThat(item.status()).isEqualTo("despatched");
        assertThat(item.paymentMethod()).isEqualTo("PAYPAL");
        assertThat(item.channel()).isEqualTo("web-eu");
        assertThat(item.organisation()).isEqualTo("acme-eu");
        assertThat(item.site()).isEqualTo("eu_source");
    }

    @Test
    void storeMappingWithOnlyAChannelKeepsTheDefaultOrganisation() {
        properties.getMappings().getStores().put("3", store("marketplace", null, null));

        ExportItem item = rules().item(inStore(3));

        assertThat(item.channel()).isEqualTo("marketplace");
        assertThat(item.organisation()).isEqualTo("acme");
        assertThat(item.site()).isNull();
    }

    @Test
    void openUnitsAreOrderedLessShippedCanceledAndRefundedPerSkuWithoutVirtualLines() {
        BigDecimal five = BigDecimal.valueOf(5);
        CanonicalOrder.Line partly = new CanonicalOrder.Line(1, "A", "A", "simple", five, five, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.TEN, false);
        CanonicalOrder.Line sameSku = new CanonicalOrder.Line(2, "A", "A", "simple", BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.TEN, false);
        CanonicalOrder.Line shipped = new CanonicalOrder.Line(3, "B", "B", "simple", BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.TEN, false);
        CanonicalOrder order = order("processing", "checkmo", 1, false, true, CREATED,
                List.of(partly, sameSku, shipped, line("EBOOK", true)));

        assertThat(OrderExportRules.openUnits(order)).containsOnlyKeys("A");
        assertThat(OrderExportRules.openUnits(order).get("A")).isEqualByComparingTo("3");
    }
}
