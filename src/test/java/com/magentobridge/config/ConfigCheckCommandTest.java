package com.magentobridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@code check-config [file]} on the files under src/test/resources/check-config, as ops run it before a deployment:
 * the file layered over the packaged defaults, the secrets in the environment.
 */
class ConfigCheckCommandTest {

    static final String FIXTURES = "src/test/resources/check-config/";

    /** What a deployment's environment carries: the store, the secrets, the back office. */
    static final Map<String, String> DEPLOYMENT = Map.ofEntries(
            Map.entry("BRIDGE_MAGENTO_BASE_URL", "https://shop.example.com"),
            Map.entry("BRIDGE_MAGENTO_TOKEN", "integration-token-secret"),
            Map.entry("BRIDGE_INBOUND_USERNAME", "orderflow"),
            Map.entry("BRIDGE_INBOUND_PASSWORD", "inbound-secret"),
            Map.entry("BRIDGE_OPS_USERNAME", "ops"),
            Map.entry("BRIDGE_OPS_PASSWORD", "ops-secret"),
            Map.entry("BRIDGE_BACKOFFICE_BASE_URL", "https://backoffice.example.com"),
            Map.entry("BRIDGE_BACKOFFICE_USERNAME", "bridge"),
            Map.entry("BRIDGE_BACKOFFICE_PASSWORD", "backoffice-secret"));

    record Run(int exit, List<String> lines) { }

    static Run checkConfig(Map<String, String> environment, String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ConfigCheckCommand.run(List.of(arguments), environment,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private static Run checkFixture(String file) {
        return checkConfig(DEPLOYMENT, FIXTURES + file);
    }

    /** The deployment signing with an integration instead of a bearer token. */
    private static Map<String, String> signing(Map<String, String> extra) {
        Map<String, String> environment = new java.util.HashMap<>(DEPLOYMENT);
        environment.remove("BRIDGE_MAGENTO_TOKEN");
        environment.putAll(Map.of("BRIDGE_MAGENTO_CONSUMER_KEY", "k", "BRIDGE_MAGENTO_CONSUMER_SECRET", "cs",
                "BRIDGE_MAGENTO_ACCESS_TOKEN", "t", "BRIDGE_MAGENTO_ACCESS_TOKEN_SECRET", "ts"));
        environment.putAll(extra);
        return environment;
    }

    @Test
    void knowsTheMagentoAuthenticationVariables() {
        assertThat(checkConfig(signing(Map.of("BRIDGE_MAGENTO_AUTH_TYPE", "oauth1", "BRIDGE_MAGENTO_TOKEN", ""))))
                .isEqualTo(new Run(0, List.of("OK")));
        assertThat(checkConfig(signing(Map.of("BRIDGE_MAGENTO_ACCESS_TOKEN_SECRET", ""))).lines()).containsExactly(
                "bridge.magento.auth.type: oauth1 is half set: BRIDGE_MAGENTO_ACCESS_TOKEN_SECRET is not set (the "
                        + "integration's four values, from System > Extensions > Integrations)");

        Map<String, String> admin = new java.util.HashMap<>(DEPLOYMENT);
        admin.remove("BRIDGE_MAGENTO_TOKEN");
        admin.putAll(Map.of("BRIDGE_MAGENTO_AUTH_TYPE", "admin", "BRIDGE_MAGENTO_ADMIN_USERNAME", "bridge",
                "BRIDGE_MAGENTO_ADMIN_PASSWORD", "admin-secret", "BRIDGE_MAGENTO_ADMIN_TOKEN_LIFETIME", "30m"));
        assertThat(checkConfig(admin)).isEqualTo(new Run(0, List.of("OK")));
        admin.put("BRIDGE_MAGENTO_AUTH_TYPE", "ouath1");
        assertThat(checkConfig(admin).lines()).singleElement().asString().startsWith("bridge.magento.auth.type");
    }

    @Test
    void aGoodFileIsOk() {
        assertThat(checkFixture("good.yaml")).isEqualTo(new Run(0, List.of("OK")));
    }

    @Test
    void namesEveryUnknownKeyInTheBridgeAndTheLibrariesWithItsLine() {
        assertThat(checkFixture("unknown-key.yaml")).isEqualTo(new Run(2, List.of(
                "bridg: unknown top-level key, first set at bridg.magento.read-timeout (unknown-key.yaml line 15)",
                "bridge.inventory.batch-sise: unknown key (unknown-key.yaml line 5)",
                "bridge.mappings.stores.2.chanel: unknown key (unknown-key.yaml line 9)",
                "camel.main.route-include-pattern: unknown key (unknown-key.yaml line 12)",
                "server.prot: unknown key (unknown-key.yaml line 2)")));
    }

    @Test
    void namesEveryDuplicateKeyWithBothLines() {
        assertThat(checkFixture("duplicate-key.yaml")).isEqualTo(new Run(2, List.of(
                "bridge.inventory.batch-size: duplicate key (duplicate-key.yaml line 5, first at line 3)",
                "bridge.mappings.order-statuses.[pending_payment]: duplicate key (duplicate-key.yaml line 10, first at line 9)",
                "bridge.magento.read-timeout: duplicate key (duplicate-key.yaml line 13, first at line 11)")));
    }

    @Test
    void namesExportedStatusesWithoutAMappingAndTheListThatExportsThem() {
        assertThat(checkFixture("unmapped-status.yaml")).isEqualTo(new Run(2, List.of(
                "bridge.mappings.order-statuses.[fraud]: missing: the status is exported "
                        + "(bridge.orders.export.stores.3.statuses) but has no back-office status",
                "bridge.mappings.order-statuses.[payment_review]: missing: the status is exported "
                        + "(bridge.orders.export.statuses) but has no back-office status")));
    }

    @Test
    void namesUnknownBackOfficeActions() {
        String actions = " (use cancel, hold, unhold, comment or comment:<magento status>)";
        assertThat(checkFixture("unknown-action.yaml")).isEqualTo(new Run(2, List.of(
                "bridge.mappings.back-office-statuses.[lost]: unknown action 'refund'" + actions,
                "bridge.mappings.back-office-statuses.[on the van]: unknown action 'comment:'" + actions,
                "bridge.mappings.back-office-statuses.[stopped]: unknown action 'Cancel'" + actions)));
    }

    @Test
    void namesMalformedCronExpressionsWithQuartzsReason() {
        String hint = "; Quartz puts seconds first, e.g. \"0 */5 * * * ?\"";
        assertThat(checkFixture("bad-cron.yaml")).isEqualTo(new Run(2, List.of(
                "bridge.orders.export.cron: '0 0 12 * * MON' is not a Quartz cron expression: Support for specifying "
                        + "both a day-of-week AND a day-of-month parameter is not implemented" + hint
                        + " (bad-cron.yaml line 7)",
                "bridge.orders.import.cron: '*/5 * * * *' is not a Quartz cron expression: Unexpected end of expression"
                        + hint + " (bad-cron.yaml line 5)")));
    }

    @Test
    void namesMissingCredentialsForTheChosenModeWithTheirVariables() {
        assertThat(checkConfig(Map.of(), FIXTURES + "missing-credentials.yaml")).isEqualTo(new Run(2, List.of(
                "bridge.backoffice.password: not set (BRIDGE_BACKOFFICE_PASSWORD): the back office at "
                        + "bridge.backoffice.base-url is called with HTTP Basic",
                "bridge.inbound.password: not set while bridge.inbound.username is (BRIDGE_INBOUND_USERNAME and "
                        + "BRIDGE_INBOUND_PASSWORD must be set together)",
                "bridge.magento.auth.type: no Magento credentials set: set the integration's "
                        + "BRIDGE_MAGENTO_CONSUMER_KEY, BRIDGE_MAGENTO_CONSUMER_SECRET, BRIDGE_MAGENTO_ACCESS_TOKEN and "
                        + "BRIDGE_MAGENTO_ACCESS_TOKEN_SECRET (oauth1, what a current store needs), or BRIDGE_MAGENTO_TOKEN "
                        + "(bearer), or BRIDGE_MAGENTO_ADMIN_USERNAME and BRIDGE_MAGENTO_ADMIN_PASSWORD (admin)",
                "bridge.magento.base-url: not set (BRIDGE_MAGENTO_BASE_URL): the Magento store to write to",
                "bridge.ops.username: not set (BRIDGE_OPS_USERNAME and BRIDGE_OPS_PASSWORD): the credentials for /ops")));
    }

    @Test
    void demoModeNeedsNoCredentials() {
        assertThat(checkConfig(Map.of("BRIDGE_DEMO_ENABLED", "true"), FIXTURES + "unknown-action.yaml").lines())
                .allMatch(line -> line.startsWith("bridge.mappings.back-office-statuses."));
    }

    @Test
    void namesValuesThatDoNotBindOrBreakAConstraint() {
        assertThat(checkFixture("bad-values.yaml")).isEqualTo(new Run(2, List.of(
                "bridge.backoffice.type: 'erp' is not one of orderflow, json (bad-values.yaml line 13)",
                "bridge.inventory.allow-negative: 'sometimes' is not true or false (bad-values.yaml line 8)",
                "bridge.inventory.batch-size: 'many' is not a whole number (bad-values.yaml line 7)",
                "bridge.magento.chunk-size: must be less than or equal to 1000, is 5000 (bad-values.yaml line 5)",
                "bridge.magento.inventory-api: 'msj' is not one of msi, legacy (bad-values.yaml line 3)",
                "bridge.magento.read-timeout: '30 seconds' is not a duration like 500ms, 30s, 5m, 2h or 7d "
                        + "(bad-values.yaml line 4)",
                "bridge.orders.import.since: 'yesterday' is not an ISO-8601 UTC time like 2026-11-01T00:00:00Z "
                        + "(bad-values.yaml line 11)")));
    }

    @Test
    void productSettingsThatCannotWorkAreNamed() {
        List<String> lines = checkFixture("bad-products.yaml").lines();

        assertThat(lines).anyMatch(line -> line.startsWith("bridge.products.export.cron: 'every minute' is not a "
                + "Quartz cron expression"));
        assertThat(lines).anyMatch(line -> line.startsWith("bridge.products.export.batch-size: must be greater than "
                + "or equal to 1"));
        assertThat(lines).anyMatch(line -> line.startsWith("bridge.products.import.since: 'last week' is not an "
                + "ISO-8601 UTC time"));
        assertThat(lines).contains("bridge.products.fields.description: OrderFlow requires it; map it to a product "
                + "attribute (default: name)");
        assertThat(lines).contains("bridge.products.fields.barcode: 'EAN Code' is not a Magento attribute code "
                + "(lower-case letters, digits and _, e.g. name or color)");
    }

    @Test
    void aProductExportWithoutABackOfficeIsRefused() {
        Map<String, String> environment = new java.util.HashMap<>(DEPLOYMENT);
        environment.remove("BRIDGE_BACKOFFICE_BASE_URL");
        environment.put("BRIDGE_PRODUCTS_ENABLED", "true");

        assertThat(checkConfig(environment, FIXTURES + "good.yaml").lines()).contains("bridge.products.enabled: true "
                + "(BRIDGE_PRODUCTS_ENABLED) but no back office to export to: set BRIDGE_BACKOFFICE_BASE_URL "
                + "(bridge.backoffice.base-url)");
    }

    @Test
    void valuesFromTheEnvironmentAreCheckedAndNamedByTheirVariable() {
        Map<String, String> environment = new java.util.HashMap<>(DEPLOYMENT);
        environment.put("BRIDGE_ORDERS_IMPORT_CRON", "* * * * *");
        environment.put("BRIDGE_MAGENTO_INVENTORY_API", "v2");

        assertThat(checkConfig(environment, FIXTURES + "good.yaml")).isEqualTo(new Run(2, List.of(
                "bridge.magento.inventory-api: 'v2' is not one of msi, legacy (environment variable "
                        + "BRIDGE_MAGENTO_INVENTORY_API)",
                "bridge.orders.import.cron: '* * * * *' is not a Quartz cron expression: Unexpected end of expression; "
                        + "Quartz puts seconds first, e.g. \"0 */5 * * * ?\" (environment variable BRIDGE_ORDERS_IMPORT_CRON)")));
    }

    @Test
    void withoutAFileChecksTheConfigurationInTheWorkingDirectory() {
        assertThat(checkConfig(DEPLOYMENT)).isEqualTo(new Run(0, List.of("OK")));
        assertThat(checkConfig(Map.of()).lines()).extracting(line -> line.substring(0, line.indexOf(':')))
                .containsExactly("bridge.inbound.username", "bridge.magento.auth.type", "bridge.magento.base-url",
                        "bridge.ops.username");
    }

    @Test
    void neverPrintsASecret() {
        Map<String, String> environment = new java.util.HashMap<>(DEPLOYMENT);
        environment.remove("BRIDGE_OPS_USERNAME");
        environment.remove("BRIDGE_BACKOFFICE_USERNAME");

        List<String> lines = checkConfig(environment, FIXTURES + "bad-values.yaml").lines();

        assertThat(lines).anyMatch(line -> line.startsWith("bridge.ops.username: not set"));
        assertThat(String.join("\n", lines)).doesNotContain("integration-token-secret", "inbound-secret", "ops-secret",
                "backoffice-secret");
    }

    @Test
    void refusesToCheckWhatIsNotThere() {
        assertThat(checkConfig(DEPLOYMENT, FIXTURES + "absent.yaml"))
                .isEqualTo(new Run(1, List.of("check-config: " + FIXTURES + "absent.yaml: no such file")));
        assertThat(checkConfig(DEPLOYMENT, "a.yaml", "b.yaml"))
                .isEqualTo(new Run(1, List.of("usage: check-config [file.yaml]")));
    }
}
