package com.magentobridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The rules of the one check, on environments built in the test: command-line arguments and environment variables. */
class ConfigurationCheckTest {

    private static final String[] CONFIGURED = {"--bridge.magento.base-url=https://shop.example.com",
            "--bridge.magento.token=t", "--bridge.inbound.token=t", "--bridge.ops.username=ops", "--bridge.ops.password=p"};

    private static StandardEnvironment environment(Map<String, String> variables, String... arguments) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new LinkedHashMap<>(variables)));
        String[] all = new String[CONFIGURED.length + arguments.length];
        System.arraycopy(CONFIGURED, 0, all, 0, CONFIGURED.length);
        System.arraycopy(arguments, 0, all, CONFIGURED.length, arguments.length);
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(all));
        return environment;
    }

    private static List<String> problems(String... arguments) {
        return ConfigurationCheck.problems(environment(Map.of(), arguments));
    }

    @Test
    void relaxedSpellingsOfAKnownKeyAreNotUnknown() {
        assertThat(problems("--bridge.inventory.batchSize=5", "--bridge.inventory.batchsize=5",
                "--bridge.orders.import.since=")).isEmpty();
    }

    @Test
    void librarySettingsAreKnownFromTheirJarsMetadataIncludingMapsAndLists() {
        assertThat(problems("--server.port=8081", "--logging.level.org.apache.camel=WARN",
                "--spring.flyway.locations[0]=classpath:db/migration", "--info.team.name=ops",
                "--management.metrics.tags.region=eu", "--camel.main.name=bridge", "--cxf.path=/soap")).isEmpty();
    }

    @Test
    void aLibraryKeyNoJarDescribesIsUnknown() {
        assertThat(problems("--spring.datasource.uri=jdbc:h2:mem:x", "--management.endpoint.helth.probes.enabled=true"))
                .containsExactly("management.endpoint.helth.probes.enabled: unknown key",
                        "spring.datasource.uri: unknown key");
    }

    @Test
    void anUnknownTopLevelTreeIsOneProblem() {
        assertThat(problems("--bridg.magento.token=t", "--bridg.magento.base-url=u")).singleElement().asString()
                .startsWith("bridg: unknown top-level key, first set at bridg.magento.");
    }

    @Test
    void environmentVariableNamesAreNotCheckedButTheirValuesAre() {
        Map<String, String> variables = Map.of("BRIDGE_PORT_8080_TCP_ADDR", "10.0.0.7", "SERVER_SOFTWARE", "x",
                "BRIDGE_SHIPMENT_BATCH_SIZE", "0");

        assertThat(ConfigurationCheck.problems(environment(variables))).containsExactly(
                "bridge.shipment.batch-size: must be greater than or equal to 1, is 0 "
                        + "(environment variable BRIDGE_SHIPMENT_BATCH_SIZE)");
    }

    @Test
    void anyCronSettingUnderBridgeIsChecked() {
        StandardEnvironment environment = environment(Map.of("BRIDGE_RETENTION_CRON", "0 0 3 * * ?"));
        environment.getPropertySources().addLast(new MapPropertySource("later", Map.of("bridge.some.flow.cron", "nightly")));

        assertThat(ConfigurationCheck.problems(environment)).containsExactly(
                "bridge.some.flow.cron: 'nightly' is not a Quartz cron expression: Illegal characters for this position: "
                        + "'NIG'; Quartz puts seconds first, e.g. \"0 */5 * * * ?\"");
    }

    @Test
    void aConstraintOnTheImportSettingsIsNamedByItsKey() {
        assertThat(problems("--bridge.orders.import.page-size=301", "--bridge.retry.flows.shipment.max-redeliveries=-1"))
                .containsExactly("bridge.orders.import.page-size: must be less than or equal to 300, is 301",
                        "bridge.retry.flows.shipment.max-redeliveries: must be greater than or equal to 0, is -1");
    }

    @Test
    void theStoreTimeoutIsADurationTheConnectionPoolCanWait() {
        assertThat(problems("--bridge.inbound.store-timeout=500ms")).isEmpty();
        assertThat(problems("--bridge.inbound.store-timeout=100ms")).containsExactly(
                "bridge.inbound.store-timeout: must be at least 250ms (the pool's shortest wait), is PT0.1S");
        assertThat(problems("--bridge.inbound.store-timeout=2m")).containsExactly(
                "bridge.inbound.store-timeout: must be at most 1m, is PT2M");
    }

    @Test
    void verifyRefusesWithEveryProblemAndSaysWhetherItIsDemoMode() {
        InvalidSettingsException refused = catchThrowableOfType(InvalidSettingsException.class,
                () -> ConfigurationCheck.verify(environment(Map.of(), "--bridge.demo.enabled=true",
                        "--bridge.inventory.batch-sise=5", "--bridge.mappings.back-office-statuses.lost=refund")));

        assertThat(refused.demo()).isTrue();
        assertThat(refused.problems()).containsExactly(
                "bridge.inventory.batch-sise: unknown key",
                "bridge.magento.base-url: must not be set in demo mode (BRIDGE_DEMO_ENABLED=true conflicts with "
                        + "BRIDGE_MAGENTO_BASE_URL): demo mode talks to the built-in simulator only; unset one of them",
                "bridge.mappings.back-office-statuses.[lost]: unknown action 'refund' "
                        + "(use cancel, hold, unhold, comment or comment:<magento status>)");
    }
}
