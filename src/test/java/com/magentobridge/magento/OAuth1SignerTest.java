package com.magentobridge.magento;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The signer against published and independently computed vectors (the simulator's verifier is tested separately). */
class OAuth1SignerTest {

    /** RFC 5849 section 1.2: the photos example, HMAC-SHA1, with its published signature. */
    @Test
    void signsRfc5849sPhotosExampleToItsPublishedSignature() {
        Map<String, String> protocol = new LinkedHashMap<>();
        protocol.put("oauth_consumer_key", "dpf43f3p2l4k3l03");
        protocol.put("oauth_token", "nnch734d00sl2jdk");
        protocol.put("oauth_signature_method", "HMAC-SHA1");
        protocol.put("oauth_timestamp", "137131202");
        protocol.put("oauth_nonce", "chapoH");
        String base = OAuth1Signer.baseString("GET",
                URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original"), List.of(), protocol);

        assertThat(base).isEqualTo("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26"
                + "oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26"
                + "oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal");
        assertThat(OAuth1Signer.signature(OAuth1Signer.HMAC_SHA1, base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"))
                .isEqualTo("MdpQcU8iPSUjWoN/UDMsK2sui9I=");
    }

    /** RFC 5849 section 3.4.1.1: encoded query values, a parameter without value, form body parameters. */
    @Test
    void buildsRfc5849sBaseStringExample() {
        Map<String, String> protocol = new LinkedHashMap<>();
        protocol.put("oauth_consumer_key", "9djdj82h48djs9d2");
        protocol.put("oauth_token", "kkk9d7dh3k39sjv7");
        protocol.put("oauth_signature_method", "HMAC-SHA1");
        protocol.put("oauth_timestamp", "137131201");
        protocol.put("oauth_nonce", "7d8f3e4a");

        String base = OAuth1Signer.baseString("POST", URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"),
                List.of(new OAuth1Signer.Parameter("c2", ""), new OAuth1Signer.Parameter("a3", "2 q")), protocol);

        assertThat(base).isEqualTo("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26"
                + "b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26"
                + "oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7");
    }

    /**
     * A Magento request with every trap at once: upper-case host, default port, a sub-path, a SKU with an encoded slash,
     * a space and a non-ASCII letter, searchCriteria brackets, a value with a space and colons, secrets with reserved
     * characters. Expected base string and HMAC-SHA256 computed independently (Python's urllib.parse.quote and hmac).
     */
    @Test
    void signsAMagentoRequestWithHmacSha256ToAnIndependentlyComputedValue() {
        Map<String, String> protocol = new LinkedHashMap<>();
        protocol.put("oauth_consumer_key", "ck".repeat(16));
        protocol.put("oauth_nonce", "n0nce");
        protocol.put("oauth_signature_method", "HMAC-SHA256");
        protocol.put("oauth_timestamp", "1796637600");
        protocol.put("oauth_token", "at".repeat(16));
        protocol.put("oauth_version", "1.0");
        String prefix = "searchCriteria%5BfilterGroups%5D%5B0%5D%5Bfilters%5D%5B0%5D";
        URI uri = URI.create("https://Shop.Example.com:443/shop/rest/all/V1/products/A%2FB%20%C3%A9/stockItems/7?"
                + prefix + "%5Bfield%5D=updated_at&" + prefix + "%5Bvalue%5D=2026-12-07%2010%3A00%3A00&"
                + prefix + "%5BconditionType%5D=gt&searchCriteria%5BpageSize%5D=50");

        String base = OAuth1Signer.baseString("PUT", uri, List.of(), protocol);

        assertThat(base).isEqualTo("PUT&https%3A%2F%2Fshop.example.com%2Fshop%2Frest%2Fall%2FV1%2Fproducts%2FA%252FB%2520"
                + "%25C3%25A9%2FstockItems%2F7&oauth_consumer_key%3Dckckckckckckckckckckckckckckckck%26oauth_nonce%3Dn0nce%26"
                + "oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1796637600%26oauth_token%3D"
                + "atatatatatatatatatatatatatatatat%26oauth_version%3D1.0%26searchCriteria%255BfilterGroups%255D%255B0%255D"
                + "%255Bfilters%255D%255B0%255D%255BconditionType%255D%3Dgt%26searchCriteria%255BfilterGroups%255D%255B0"
                + "%255D%255Bfilters%255D%255B0%255D%255Bfield%255D%3Dupdated_at%26searchCriteria%255BfilterGroups%255D"
                + "%255B0%255D%255Bfilters%255D%255B0%255D%255Bvalue%255D%3D2026-12-07%252010%253A00%253A00%26"
                + "searchCriteria%255BpageSize%255D%3D50");
        assertThat(OAuth1Signer.signature(OAuth1Signer.HMAC_SHA256, base, "cs/ secret", "ts+secret%"))
                .isEqualTo("vqiuLLFcW3NE2v67esYXiM8D6k1xXRIFO/fUspQ8I4s=");
    }

    @Test
    void encodesPerRfc3986() {
        assertThat(OAuth1Signer.encode("a b+c%d/e~f*g:h[0]é")).isEqualTo("a%20b%2Bc%25d%2Fe~f%2Ag%3Ah%5B0%5D%C3%A9");
    }

    @Test
    void theHeaderCarriesEveryProtocolValueEncodedAndNoSecret() {
        Map<String, String> protocol = new LinkedHashMap<>();
        protocol.put("oauth_consumer_key", "key");
        protocol.put("oauth_nonce", "n");
        String header = OAuth1Signer.authorizationHeader(protocol, "a+b/c=");

        assertThat(header).isEqualTo("OAuth oauth_consumer_key=\"key\", oauth_nonce=\"n\", oauth_signature=\"a%2Bb%2Fc%3D\"");
    }
}
