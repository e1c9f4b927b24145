package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar magento-bridge.jar check-config [file]}, run on the packaged jar as ops run it. */
class ConfigCheckIT {

    private static final Path JAR = Path.of("target", "magento-bridge.jar").toAbsolutePath();
    private static final Path FIXTURES = Path.of("src", "test", "resources", "check-config").toAbsolutePath();

    private static final Map<String, String> DEPLOYMENT = Map.of(
            "BRIDGE_MAGENTO_BASE_URL", "https://shop.example.com",
            "BRIDGE_MAGENTO_TOKEN", "integration-token-secret",
            "BRIDGE_INBOUND_TOKEN", "inbound-token-secret",
            "BRIDGE_OPS_USERNAME", "ops",
            "BRIDGE_OPS_PASSWORD", "ops-secret",
            "BRIDGE_BACKOFFICE_BASE_URL", "https://backoffice.example.com",
            "BRIDGE_BACKOFFICE_USERNAME", "bridge",
            "BRIDGE_BACKOFFICE_PASSWORD", "backoffice-secret");

    private record Run(int exit, List<String> lines) { }

    private static Run checkConfig(File workingDirectory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "check-config"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("BRIDGE_") || name.startsWith("SPRING_"));
        builder.environment().putAll(DEPLOYMENT);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("check-config finished").isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.exitValue(), out.lines().toList());
    }

    @Test
    void saysOkForAGoodFile(@TempDir Path anywhere) throws Exception {
        assertThat(checkConfig(anywhere.toFile(), FIXTURES.resolve("good.yaml").toString()))
                .isEqualTo(new Run(0, List.of("OK")));
    }

    @Test
    void printsOneLinePerProblemAndExitsTwo(@TempDir Path anywhere) throws Exception {
        String actions = " (use cancel, hold, unhold, comment or comment:<magento status>)";

        assertThat(checkConfig(anywhere.toFile(), FIXTURES.resolve("unknown-action.yaml").toString()))
                .isEqualTo(new Run(2, List.of(
                        "bridge.mappings.back-office-statuses.[lost]: unknown action 'refund'" + actions,
                        "bridge.mappings.back-office-statuses.[on the van]: unknown action 'comment:'" + actions,
                        "bridge.mappings.back-office-statuses.[stopped]: unknown action 'Cancel'" + actions)));
    }

    @Test
    void withoutAFileChecksTheApplicationYamlInTheWorkingDirectory(@TempDir Path deployment) throws Exception {
        Files.copy(FIXTURES.resolve("duplicate-key.yaml"), deployment.resolve("application.yaml"));

        assertThat(checkConfig(deployment.toFile())).isEqualTo(new Run(2, List.of(
                "bridge.inventory.batch-size: duplicate key (application.yaml line 5, first at line 3)",
                "bridge.mappings.order-statuses.[pending_payment]: duplicate key (application.yaml line 10, first at line 9)",
                "bridge.magento.read-timeout: duplicate key (application.yaml line 13, first at line 11)")));
    }
}
