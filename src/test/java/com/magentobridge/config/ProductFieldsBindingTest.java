package com.magentobridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Product field keys set through environment variables reach the mapping in OrderFlow's spelling. */
class ProductFieldsBindingTest {

    private static BridgeProperties bind(Map<String, Object> environment) {
        StandardEnvironment spring = new StandardEnvironment();
        spring.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        return new Binder(ConfigurationPropertySources.get(spring))
                .bind("bridge", Bindable.of(BridgeProperties.class)).orElseGet(BridgeProperties::new);
    }

    @Test
    void aCamelCaseKeyGivenAsAnEnvironmentVariableReplacesTheDefault() {
        BridgeProperties settings = bind(Map.of(
                "BRIDGE_PRODUCTS_FIELDS_IMAGEREFERENCE", "small_image",
                "BRIDGE_PRODUCTS_FIELDS_BARCODE", "ean",
                "BRIDGE_PRODUCTS_FIELDS_WEIGHTUNITS", "weight_unit"));

        Map<String, String> fields = settings.getProducts().getFields();
        assertThat(fields).containsEntry("imageReference", "small_image")
                .containsEntry("barcode", "ean")
                .containsEntry("weightUnits", "weight_unit")
                .containsEntry("externalReference", "sku")
                .doesNotContainKeys("imagereference", "weightunits");
    }

    @Test
    void aKeyOrderFlowDoesNotKnowIsKeptAsGiven() {
        BridgeProperties settings = bind(Map.of("BRIDGE_PRODUCTS_FIELDS_COLOUR", "color"));

        assertThat(settings.getProducts().getFields()).containsEntry("colour", "color");
    }
}
