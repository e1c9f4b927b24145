package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.magentobridge.simulator.backoffice.OrderFlowSimulator;
import com.magentobridge.simulator.magento.MagentoSimulator;

/**
 * Demo mode shows the product export: its Luma-like catalogue reaches the simulated OrderFlow (simple products only,
 * the hoodie's child without an image with the hoodie's), and a merchandiser's edit is sent by the next run.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.demo.enabled=true",
        "spring.datasource.url=jdbc:h2:mem:demo-products-${random.uuid};DB_CLOSE_DELAY=-1",
        "camel.main.name=demo-products-${random.uuid}",
        "bridge.cluster.name=demo-products-${random.uuid}",
        "camel.servlet.mapping.servlet-name=CamelServletDemoProducts",
        // the test runs the export itself; the demo's own schedules and back office stay quiet
        "bridge.products.export.cron=0 0 0 1 1 ? 2099",
        "bridge.orders.import.enabled=false",
        "bridge.orders.export.enabled=false",
        "bridge.demo.back-office-interval=1h",
        "camel.main.shutdown-timeout=2"
})
class DemoProductsIT {

    @LocalServerPort
    private int port;

    @Autowired
    private MagentoSimulator demoMagento;

    @Autowired
    private OrderFlowSimulator demoOrderFlow;

    private int runNow() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ops/products/run"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "demo:demo".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void theDemoCatalogueIsExportedAndAnEditFollows() throws Exception {
        assertThat(runNow()).isEqualTo(200);

        assertThat(demoOrderFlow.product("24-MB01")).containsEntry("description", "Joust Duffle Bag")
                .containsEntry("sellable", "1").containsEntry("magentoType", "simple");
        assertThat(demoOrderFlow.product("MH09-L-Blue")).containsEntry("imageReference",
                demoMagento.baseUrl() + "/media/catalog/product/m/h/mh09-blue_main.jpg");
        assertThat(demoOrderFlow.product("MH09")).as("a configurable parent is not stocked").isNull();
        assertThat(demoOrderFlow.product("GIFT-50")).as("virtual").isNull();

        demoMagento.saveProduct("24-MB01", "name", "Joust Duffle Bag (new season)");
        assertThat(runNow()).isEqualTo(200);

        assertThat(demoOrderFlow.product("24-MB01")).containsEntry("description", "Joust Duffle Bag (new season)");
    }
}
