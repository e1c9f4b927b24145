package com.magentobridge.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.magento.BearerTokenAuthentication;
import com.magentobridge.magento.MagentoClient;
import com.magentobridge.magento.MagentoProducts;
import com.magentobridge.retry.RetryPolicies;
import com.magentobridge.simulator.magento.MagentoSimulator;

/** The mapping of products read from the Magento simulator over HTTP (attribute options come from it too). */
class ProductMapperTest {

    private static MagentoSimulator magento;
    private static MagentoClient client;
    private static MagentoProducts products;

    @BeforeAll
    static void start() {
        magento = new MagentoSimulator("mapper-token").allowIntegrationTokensAsBearer(true).start(0);
        magento.addProductAttribute("color", "select", Map.of("49", "Black", "50", "Blue"));
        magento.addProductAttribute("activity", "multiselect", Map.of("11", "Gym", "12", "Yoga"));
        BridgeProperties properties = new BridgeProperties();
        properties.getMagento().setBaseUrl(magento.baseUrl());
        client = new MagentoClient(properties.getMagento(), new BearerTokenAuthentication(() -> "mapper-token"),
                new RetryPolicies(properties.getRetry()).defaults().transientStatuses(),
                new com.fasterxml.jackson.databind.ObjectMapper(), new SimpleMeterRegistry());
        products = new MagentoProducts(client);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        magento.stop();
    }

    private static ProductMapper mapper(Map<String, String> fields, boolean images) {
        BridgeProperties.Products settings = new BridgeProperties.Products();
        settings.setFields(fields);
        settings.setImages(images);
        return new ProductMapper(settings, new AttributeOptions(products));
    }

    private static JsonNode product(String sku) {
        return products.product(sku);
    }

    @Test
    void selectAndMultiselectAttributesAreSentAsLabels() {
        magento.newProduct("MAP-LABELS").attribute("color", "50").attribute("activity", "11,12")
                .attribute("material", "Cotton").create();

        ProductMapper.Mapped mapped = mapper(Map.of("colour", "color", "activity", "activity", "material", "material"),
                true).map(product("MAP-LABELS"), null, "http://media/");

        assertThat(mapped.fields()).containsEntry("colour", "Blue").containsEntry("activity", "Gym,Yoga")
                .containsEntry("material", "Cotton");
    }

    @Test
    void zerosAreSentAndMissingValuesLeftOut() {
        magento.newProduct("MAP-ZERO").price("0").weight("0").disabled().create();

        Map<String, String> fields = mapper(Map.of("barcode", "ean"), true)
                .map(product("MAP-ZERO"), null, "http://media/").fields();

        assertThat(fields).containsEntry("weight", "0").containsEntry("priceNet", "0").containsEntry("sellable", "0")
                .doesNotContainKey("barcode").doesNotContainKey("imageReference");
    }

    @Test
    void theImageIsTheMediaUrlThenTheParentsAndNoneWhenImagesAreOff() {
        magento.newProduct("MAP-IMG").image("/m/a/map.jpg").create();
        magento.newProduct("MAP-NOIMG").create();

        assertThat(mapper(Map.of(), true).map(product("MAP-IMG"), "/p/a/parent.jpg", "http://shop/media/").fields())
                .containsEntry("imageReference", "http://shop/media/catalog/product/m/a/map.jpg");
        assertThat(mapper(Map.of(), true).map(product("MAP-NOIMG"), "/p/a/parent.jpg", "http://shop/media").fields())
                .containsEntry("imageReference", "http://shop/media/catalog/product/p/a/parent.jpg");
        assertThat(mapper(Map.of(), false).map(product("MAP-IMG"), null, "http://shop/media/").fields())
                .doesNotContainKey("imageReference");
    }

    @Test
    void aValueOverTheLimitFailsNamingTheFieldAndLineBreaksAreMarked() {
        magento.newProduct("MAP-LONG").name("n".repeat(121)).create();
        magento.newProduct("MAP-TYPE").attribute("product_group", "t".repeat(121)).create();
        magento.newProduct("MAP-BR").name("Two\r\nlines\nand\rmore").create();

        ProductMapper.Mapped longName = mapper(Map.of(), true).map(product("MAP-LONG"), null, null);
        ProductMapper.Mapped longType = mapper(Map.of("type", "product_group"), true)
                .map(product("MAP-TYPE"), null, null);

        assertThat(longName.failure()).isEqualTo("description is 121 characters, OrderFlow takes at most 120 "
                + "(bridge.products.fields.description = name)");
        assertThat(longType.failure()).startsWith("type is 121 characters");
        assertThat(mapper(Map.of(), true).map(product("MAP-BR"), null, null).fields())
                .containsEntry("description", "Two[BR]lines[BR]and[BR]more");
    }

    @Test
    void aMandatoryFieldWithoutValueFailsTheProduct() {
        magento.newProduct("MAP-NONAME").name("").create();

        assertThat(mapper(Map.of(), true).map(product("MAP-NONAME"), null, null).failure())
                .isEqualTo("no value for description (bridge.products.fields.description = name)");
    }
}
