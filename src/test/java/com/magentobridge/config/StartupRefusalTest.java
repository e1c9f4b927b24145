package com.magentobridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

import com.magentobridge.BridgeApplication;

/** Without demo mode and without a configured store, the real application refuses to start and says why. */
class StartupRefusalTest {

    @Test
    void bridgeWithoutStoreOrCredentialsRefusesToStartNamingTheSettings() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(BridgeApplication.class)
                .run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:refusal;DB_CLOSE_DELAY=-1",
                        "--camel.servlet.mapping.servlet-name=CamelServletRefusal", "--bridge.demo.enabled=false")
                .close());

        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        assertThat(root).isInstanceOf(InvalidSettingsException.class);
        assertThat(root.getMessage()).contains("BRIDGE_MAGENTO_BASE_URL", "BRIDGE_MAGENTO_TOKEN",
                "BRIDGE_INBOUND_USERNAME", "BRIDGE_OPS_USERNAME");
    }
}
