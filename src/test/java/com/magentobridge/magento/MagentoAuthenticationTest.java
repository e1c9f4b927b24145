package com.magentobridge.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.retry.TransientStatuses;
import com.magentobridge.simulator.magento.MagentoSimulator;

/** Each authentication mode over real HTTP against the simulator, which verifies like a 2.4.8 store. */
class MagentoAuthenticationTest {

    private static final String ACCESS_TOKEN = "auth0test0access0token0000000001";

    private final MagentoSimulator magento = new MagentoSimulator(ACCESS_TOKEN).start(0);
    private final List<MagentoClient> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (MagentoClient client : clients) {
            client.close();
        }
        magento.stop();
    }

    private MagentoClient client(String baseUrl, MagentoAuthentication authentication) {
        BridgeProperties.Magento settings = new BridgeProperties().getMagento();
        settings.setBaseUrl(baseUrl);
        MagentoClient client = new MagentoClient(settings, authentication, TransientStatuses.of(List.of(503)),
                new ObjectMapper(), new SimpleMeterRegistry());
        clients.add(client);
        return client;
    }

    private OAuth1Authentication oauth1(MagentoSimulator.Integration integration) {
        return new OAuth1Authentication(new OAuth1Authentication.Credentials(integration.consumerKey(),
                integration.consumerSecret(), integration.accessToken(), integration.accessTokenSecret()), Clock.systemUTC());
    }

    private MagentoClient signing() {
        return client(magento.baseUrl(), oauth1(magento.integration()));
    }

    @Test
    void searchCriteriaWithBracketsAndValuesWithSpacesPercentPlusAndColonsAreSigned() {
        magento.newOrder("000000777").item("SIGNED-1", 1).create();
        String query = SearchCriteria.where("increment_id", "eq", "000000777")
                .and("customer_email", "neq", "a b%c+d:e@example.com")
                .and("updated_at", "gt", "2001-01-01 10:00:00")
                .sortBy("entity_id", true).page(1, 50).toQuery();

        var found = signing().get("orders.search", "/V1/orders?" + query);

        assertThat(found.get("total_count").asInt()).isEqualTo(1);
    }

    @Test
    void skusWithSlashesSpacesTildesAndNonAsciiLettersInThePathAreSigned() {
        for (String sku : List.of("A/B 10", "tee~blue*", "café-ü", "50% off+more")) {
            magento.addProduct(sku);

            var item = signing().get("stock.item", "/V1/stockItems/" + MagentoClient.segment(sku));

            assertThat(item.get("item_id").asInt()).as(sku).isEqualTo(magento.stockItemId(sku));
        }
    }

    @Test
    void aStoreUnderASubPathIsSignedWithItsPath() {
        magento.mountAt("/shop");
        magento.addProduct("SUB/PATH");

        var item = client(magento.baseUrl() + "/shop/", oauth1(magento.integration()))
                .get("stock.item", "/V1/stockItems/" + MagentoClient.segment("SUB/PATH"));

        assertThat(item.get("item_id").asInt()).isEqualTo(magento.stockItemId("SUB/PATH"));
    }

    @Test
    void aRetriedCallIsSignedAnewSoItsNonceIsNeverReused() {
        magento.addProduct("RETRY-1");
        MagentoClient client = signing();
        magento.faults().onlyForPathContaining("source-items").failNext(1, 503);
        Map<String, Object> save = Map.of("sourceItems", List.of(Map.of(
                "sku", "RETRY-1", "source_code", "default", "quantity", 4, "status", 1)));

        assertThatThrownBy(() -> client.post("source-items", "/V1/inventory/source-items", save))
                .isInstanceOf(MagentoTransientException.class);
        client.post("source-items", "/V1/inventory/source-items", save);

        assertThat(magento.calls().stream().filter(call -> call.path().endsWith("source-items"))
                .map(call -> call.status()).toList()).containsExactly(503, 200);
    }

    @Test
    void aWrongSecretIsRefusedWithMagentosReason() {
        MagentoSimulator.Integration real = magento.integration();
        MagentoClient wrong = client(magento.baseUrl(), oauth1(new MagentoSimulator.Integration(real.consumerKey(),
                "not-the-consumer-secret", real.accessToken(), real.accessTokenSecret())));

        assertThatThrownBy(() -> wrong.get("store.configs", "/V1/store/storeConfigs"))
                .isInstanceOf(MagentoAuthorizationException.class)
                .hasMessageContaining("401: The signature is invalid. Verify and try again.")
                .hasMessageNotContaining("not-the-consumer-secret");
    }

    @Test
    void anUnknownConsumerIsRefused() {
        MagentoSimulator.Integration real = magento.integration();
        MagentoClient unknown = client(magento.baseUrl(), oauth1(new MagentoSimulator.Integration(
                "unknown0consumer0key000000000001", real.consumerSecret(), real.accessToken(), real.accessTokenSecret())));

        assertThatThrownBy(() -> unknown.get("store.configs", "/V1/store/storeConfigs"))
                .hasMessageContaining("401: A consumer having the specified key does not exist");
    }

    /** The simulator's own checks, with a header replayed byte for byte and a clock far ahead. */
    @Test
    void theSimulatorRefusesAReusedNonceAndATimestampTooFarAhead() throws Exception {
        String url = magento.baseUrl() + "/rest/all/V1/store/storeConfigs";
        BasicHttpRequest signed = new BasicHttpRequest("GET", URI.create(url));
        oauth1(magento.integration()).authenticate(signed);
        String header = signed.getFirstHeader("Authorization").getValue();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", header).GET().build();

        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        HttpResponse<String> replayed = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.body()).contains("The nonce is already being used by the consumer with ID %1");

        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(11));
        MagentoSimulator.Integration integration = magento.integration();
        MagentoClient fast = client(magento.baseUrl(), new OAuth1Authentication(new OAuth1Authentication.Credentials(
                integration.consumerKey(), integration.consumerSecret(), integration.accessToken(),
                integration.accessTokenSecret()), ahead));
        assertThatThrownBy(() -> fast.get("store.configs", "/V1/store/storeConfigs"))
                .isInstanceOf(MagentoRejectedException.class)
                .hasMessageContaining("Incorrect timestamp value in the oauth_timestamp parameter");
    }

    @Test
    void anIntegrationTokenAsBearerIsRefusedByADefaultStoreNamingTheSetting() {
        MagentoClient bearer = client(magento.baseUrl(), new BearerTokenAuthentication(() -> ACCESS_TOKEN));

        assertThatThrownBy(() -> bearer.get("store.configs", "/V1/store/storeConfigs"))
                .isInstanceOf(MagentoAuthorizationException.class)
                .hasMessageContaining("The consumer isn't authorized to access Magento_Backend::store")
                .hasMessageContaining("oauth/consumer/enable_integration_as_bearer")
                .hasMessageContaining("BRIDGE_MAGENTO_AUTH_TYPE=oauth1");

        magento.allowIntegrationTokensAsBearer(true);
        assertThat(bearer.get("store.configs", "/V1/store/storeConfigs").isArray()).isTrue();
    }

    @Test
    void adminModeLogsInOncePerTokenLifetimeAcrossThreads() throws Exception {
        magento.addAdminUser("bridge-admin", "admin-password-1").adminTokenLifetime(Duration.ofSeconds(3));
        magento.addProduct("ADMIN-1");
        MagentoClient client = client(magento.baseUrl(), new AdminTokenAuthentication("bridge-admin",
                () -> "admin-password-1", Duration.ofHours(4), Clock.systemUTC()));
        AtomicInteger calls = new AtomicInteger();
        Set<Throwable> failures = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            // eight threads call until three tokens have expired (the JWT's exp, not the 4 h setting, rules)
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                List<Future<?>> round = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    round.add(threads.submit(() -> {
                        try {
                            client.get("stock.item", "/V1/stockItems/ADMIN-1");
                            calls.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }));
                }
                for (Future<?> call : round) {
                    call.get();
                }
                return magento.adminLogins() >= 4;
            });
        } finally {
            threads.shutdownNow();
        }

        assertThat(failures).isEmpty();
        assertThat(magento.issuedAdminTokens()).hasSize(magento.adminLogins());
        assertThat(calls.get()).isGreaterThan(10 * magento.adminLogins());
    }

    @Test
    void anAdminTokenTheStoreDropsIsRenewedOnceOnThe401() {
        magento.addAdminUser("bridge-admin", "admin-password-1");
        MagentoClient client = client(magento.baseUrl(), new AdminTokenAuthentication("bridge-admin",
                () -> "admin-password-1", Duration.ofHours(4), Clock.systemUTC()));
        client.get("store.configs", "/V1/store/storeConfigs");

        magento.expireAdminTokens();

        assertThat(client.get("store.configs", "/V1/store/storeConfigs").isArray()).isTrue();
        assertThat(magento.adminLogins()).isEqualTo(2);
    }

    @Test
    void twoFactorAuthIsRecognisedAndPointsToOauth1WithoutRetryingTheLogin() {
        magento.addAdminUser("bridge-admin", "admin-password-1").requireTwoFactorAuth(true);
        MagentoClient client = client(magento.baseUrl(), new AdminTokenAuthentication("bridge-admin",
                () -> "admin-password-1", Duration.ofHours(4), Clock.systemUTC()));

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> client.get("store.configs", "/V1/store/storeConfigs"))
                    .isInstanceOf(MagentoAuthorizationException.class)
                    .hasMessageContaining("two-factor")
                    .hasMessageContaining("BRIDGE_MAGENTO_AUTH_TYPE=oauth1")
                    .hasMessageNotContaining("admin-password-1");
        }
        assertThat(magento.calls().stream().filter(call -> call.path().contains("admin/token")).count()).isEqualTo(1);
    }

    @Test
    void aWrongAdminPasswordSaysSoWithoutThePassword() {
        magento.addAdminUser("bridge-admin", "admin-password-1");
        MagentoClient client = client(magento.baseUrl(), new AdminTokenAuthentication("bridge-admin",
                () -> "wrong-password-2", Duration.ofHours(4), Clock.systemUTC()));

        assertThatThrownBy(() -> client.get("store.configs", "/V1/store/storeConfigs"))
                .hasMessageContaining("The account sign-in was incorrect")
                .hasMessageNotContaining("wrong-password-2");
    }

    @Test
    void aJwtsExpiryIsRead() {
        String claims = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"uid\":1,\"exp\":1796637600}".getBytes());
        assertThat(AdminTokenAuthentication.jwtExpiry("e30." + claims + ".sig"))
                .isEqualTo(java.time.Instant.ofEpochSecond(1796637600));
        assertThat(AdminTokenAuthentication.jwtExpiry("opaque0token")).isNull();
    }

    @Test
    void everyModeNamesItselfForHealth() {
        assertThat(signing().authenticationMode()).isEqualTo("oauth1");
        assertThat(Map.of("k", new BearerTokenAuthentication(() -> "t").mode())).containsEntry("k", "bearer");
    }
}
