package com.magentobridge.magento;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A base URL naming its scheme's default port is called (and signed) without it; any other port stays. */
class MagentoBaseUrlTest {

    @Test
    void theSchemesDefaultPortIsLeftOut() {
        assertThat(MagentoClient.withoutDefaultPort("https://shop.example:443/shop")).isEqualTo("https://shop.example/shop");
        assertThat(MagentoClient.withoutDefaultPort("http://shop.example:80")).isEqualTo("http://shop.example");
        assertThat(MagentoClient.withoutDefaultPort("HTTPS://Shop.example:443")).isEqualTo("HTTPS://Shop.example");
    }

    @Test
    void anyOtherPortIsKept() {
        assertThat(MagentoClient.withoutDefaultPort("https://shop.example:8443/shop")).isEqualTo("https://shop.example:8443/shop");
        assertThat(MagentoClient.withoutDefaultPort("http://127.0.0.1:4430")).isEqualTo("http://127.0.0.1:4430");
        assertThat(MagentoClient.withoutDefaultPort("http://shop.example:443/")).isEqualTo("http://shop.example:443/");
        assertThat(MagentoClient.withoutDefaultPort("https://shop.example/rest:443")).isEqualTo("https://shop.example/rest:443");
    }
}
