package com.magentobridge.inbound;

import static com.magentobridge.inbound.SoapEnvelopes.envelope;
import static com.magentobridge.inbound.SoapEnvelopes.operationElement;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

class SecretMaskerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretMasker masker = new SecretMasker();

    private static String text(Element root, String namespace, String localName) {
        return root.getElementsByTagNameNS(namespace, localName).item(0).getTextContent();
    }

    @Test
    void masksTheApiKeyOfAMagento1LoginButNotTheUsername() {
        Element login = operationElement(envelope("""
                <ns1:login xmlns:ns1="urn:Magento">
                  <username xsi:type="xsd:string">orderflow</username>
                  <apiKey xsi:type="xsd:string">s3cr3t-api-key</apiKey>
                </ns1:login>"""));

        String masked = masker.maskXml(login);

        assertThat(masked).doesNotContain("s3cr3t-api-key").contains("orderflow").contains(SecretMasker.MASK);
        Element reparsed = SoapEnvelopes.parse(masked).getDocumentElement();
        assertThat(text(reparsed, "", "apiKey")).isEqualTo(SecretMasker.MASK);
        assertThat(text(reparsed, "", "username")).isEqualTo("orderflow");
    }

    @Test
    void masksTheSessionIdOfAnRpcEncodedInventoryUpdateAndKeepsTheStockLines() {
        Element request = operationElement(SoapEnvelopes.resource("m1-rpc-skusQty.xml"));

        String masked = masker.maskXml(request);

        assertThat(masked).doesNotContain("0123456789abcdef")
                .contains("<sessionId", SecretMasker.MASK, "hdd000", "ssd-512", "2015-09-15T09:29:54");
        Element reparsed = SoapEnvelopes.parse(masked).getDocumentElement();
        assertThat(reparsed.getLocalName()).isEqualTo("orderflowInventoryMultiUpdate");
        assertThat(reparsed.getNamespaceURI()).isEqualTo("urn:Magento");
        assertThat(text(reparsed, "", "sessionId")).isEqualTo(SecretMasker.MASK);
        assertThat(reparsed.getElementsByTagNameNS("", "item").getLength()).isEqualTo(4);
        assertThat(text(reparsed, "", "messageSeqId")).isEqualTo("4");
    }

    @Test
    void masksTheSessionIdInTheWsiNamespace() {
        Element request = operationElement(SoapEnvelopes.resource("m1-wsi-request-param.xml"));

        String masked = masker.maskXml(request);

        Element reparsed = SoapEnvelopes.parse(masked).getDocumentElement();
        assertThat(text(reparsed, "urn:Magento", "sessionId")).isEqualTo(SecretMasker.MASK);
        assertThat(reparsed.getElementsByTagNameNS("urn:Magento", "complexObjectArray").getLength()).isEqualTo(4);
    }

    @Test
    void leavesTheInputElementUntouched() {
        Element request = operationElement(SoapEnvelopes.resource("m1-rpc-skusQty.xml"));
        String before = masker.maskXml(request);

        masker.maskXml(request);

        assertThat(text(request, "", "sessionId")).isEqualTo("0123456789abcdef");
        assertThat(request.getParentNode()).isNotNull();
        assertThat(request.getOwnerDocument().getDocumentElement().getLocalName()).isEqualTo("Envelope");
        assertThat(masker.maskXml(request)).isEqualTo(before);
    }

    @Test
    void masksCredentialElementsInAnyNamespaceAndCase() {
        Element request = operationElement(envelope("""
                <op xmlns="urn:example:default">
                  <a:Password xmlns:a="urn:example:a">p4ss</a:Password>
                  <b:token xmlns:b="http://example.com/b">tok-123</b:token>
                  <access_token>acc-456</access_token>
                  <API_KEY>key-789</API_KEY>
                  <nested><deeper><secret>shh</secret><session_id>sess-1</session_id></deeper></nested>
                  <authorization>Bearer abc</authorization>
                  <credentials><password><hash>h</hash><salt>s</salt></password></credentials>
                  <sku>hdd000</sku>
                  <tokenType>bearer</tokenType>
                  <passwordHint>the usual</passwordHint>
                </op>"""));

        String masked = masker.maskXml(request);

        assertThat(masked).doesNotContain("p4ss", "tok-123", "acc-456", "key-789", "shh", "sess-1", "Bearer abc",
                "<hash>", "<salt>");
        assertThat(masked).contains("hdd000").doesNotContain("the usual");
        Element reparsed = SoapEnvelopes.parse(masked).getDocumentElement();
        assertThat(text(reparsed, "urn:example:a", "Password")).isEqualTo(SecretMasker.MASK);
        assertThat(text(reparsed, "http://example.com/b", "token")).isEqualTo(SecretMasker.MASK);
        assertThat(text(reparsed, "urn:example:default", "access_token")).isEqualTo(SecretMasker.MASK);
        assertThat(text(reparsed, "urn:example:default", "API_KEY")).isEqualTo(SecretMasker.MASK);
        assertThat(text(reparsed, "urn:example:default", "secret")).isEqualTo(SecretMasker.MASK);
        assertThat(text(reparsed, "urn:example:default", "session_id")).isEqualTo(SecretMasker.MASK);
        assertThat(text(reparsed, "urn:example:default", "authorization")).isEqualTo(SecretMasker.MASK);
        assertThat(text(reparsed, "urn:example:default", "password")).isEqualTo(SecretMasker.MASK);
        assertThat(text(reparsed, "urn:example:default", "passwordHint"))
                .as("anything naming a password, secret or token is masked").isEqualTo(SecretMasker.MASK);
    }

    @Test
    void writesNoXmlDeclaration() {
        Element request = operationElement(envelope("<op><sku>A</sku></op>"));

        assertThat(masker.maskXml(request)).startsWith("<op").doesNotContain("<?xml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sessionId", "SESSIONID", "session_id", "password", "apiKey", "api_key", "token",
            "accessToken", "access_token", "secret", "Authorization", "client_secret", "consumer_secret",
            "refresh_token", "x-api-key", "Cookie", "passwordHint", "consumer_key", "consumerKey", "oauth_consumer_key",
            "access_token_secret", "oauth_token", "admin_password"})
    void recognisesSecretNames(String name) {
        assertThat(SecretMasker.isSecretName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"username", "sku", "qty", "messageSeqId", "session", "lastOrderExported", "source", ""})
    void leavesOtherNamesAlone(String name) {
        assertThat(SecretMasker.isSecretName(name)).isFalse();
        assertThat(SecretMasker.isSecretName(null)).isFalse();
    }

    @Test
    void masksSecretJsonKeysAtAnyDepth() throws Exception {
        JsonNode tree = JSON.readTree("""
                {"password": "p4ss",
                 "api_key": "key-1",
                 "productQtys": [{"sku": "A", "qty": 1, "token": "tok-2"}],
                 "auth": {"sessionId": "sess-3", "user": "orderflow", "inner": [[{"accessToken": "acc-4"}]]},
                 "Authorization": {"scheme": "Bearer", "value": "abc"},
                 "messageSeqId": 9}""");

        String masked = masker.maskJson(tree);

        assertThat(masked).doesNotContain("p4ss", "key-1", "tok-2", "sess-3", "acc-4", "abc");
        JsonNode reparsed = JSON.readTree(masked);
        assertThat(reparsed.at("/password").asText()).isEqualTo(SecretMasker.MASK);
        assertThat(reparsed.at("/api_key").asText()).isEqualTo(SecretMasker.MASK);
        assertThat(reparsed.at("/productQtys/0/token").asText()).isEqualTo(SecretMasker.MASK);
        assertThat(reparsed.at("/auth/sessionId").asText()).isEqualTo(SecretMasker.MASK);
        assertThat(reparsed.at("/auth/inner/0/0/accessToken").asText()).isEqualTo(SecretMasker.MASK);
        assertThat(reparsed.at("/Authorization").asText()).isEqualTo(SecretMasker.MASK);
        assertThat(reparsed.at("/productQtys/0/sku").asText()).isEqualTo("A");
        assertThat(reparsed.at("/productQtys/0/qty").asInt()).isEqualTo(1);
        assertThat(reparsed.at("/auth/user").asText()).isEqualTo("orderflow");
        assertThat(reparsed.at("/messageSeqId").asInt()).isEqualTo(9);
    }

    @Test
    void masksTheTreeInPlaceAndKeepsNullSecretsNull() throws Exception {
        JsonNode tree = JSON.readTree("{\"token\": \"t\", \"password\": null, \"sku\": \"A\"}");

        masker.maskJson(tree);

        assertThat(tree.get("token").asText()).isEqualTo(SecretMasker.MASK);
        assertThat(tree.get("password").isNull()).isTrue();
        assertThat(tree.get("sku").asText()).isEqualTo("A");
    }

    @Test
    void masksSecretsInsideATopLevelArray() throws Exception {
        JsonNode tree = JSON.readTree("[{\"token\": \"t1\"}, {\"sku\": \"A\"}]");

        assertThat(masker.maskJson(tree)).isEqualTo("[{\"token\":\"****\"},{\"sku\":\"A\"}]");
    }
}
