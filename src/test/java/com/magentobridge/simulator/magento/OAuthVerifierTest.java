package com.magentobridge.simulator.magento;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The simulator's verifier on its own: Magento 2.4.8's URL normalisation and parameter order. */
class OAuthVerifierTest {

    @Test
    void normalisesTheUrlAsMagentoDoesKeepingAnEncodedSlash() {
        assertThat(OAuthVerifier.normaliseUrl("HTTP://Shop.Example.COM:80/shop/rest/V1/products/A%2FB%7Etee%20x/é?q=1"))
                .isEqualTo("http://shop.example.com/shop/rest/V1/products/A%2FB~tee%20x/%C3%A9");
        assertThat(OAuthVerifier.normaliseUrl("https://h:443/p")).isEqualTo("https://h/p");
        assertThat(OAuthVerifier.normaliseUrl("http://127.0.0.1:8080/p")).isEqualTo("http://127.0.0.1:8080/p");
    }

    @Test
    void ordersEncodedNamesNaturallyAsPhpsStrnatcmp() {
        List<String> names = new ArrayList<>(List.of("f%5B10%5D", "f%5B2%5D", "oauth_nonce", "f%5B1%5D"));
        names.sort(OAuthVerifier::naturalCompare);
        assertThat(names).containsExactly("f%5B1%5D", "f%5B2%5D", "f%5B10%5D", "oauth_nonce");
    }

    @Test
    void encodesAsPhpsRawurlencode() {
        assertThat(OAuthVerifier.rawUrlEncode("a b+c~d*é[")).isEqualTo("a%20b%2Bc~d%2A%C3%A9%5B");
    }
}
