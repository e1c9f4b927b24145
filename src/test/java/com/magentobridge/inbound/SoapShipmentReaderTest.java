package com.magentobridge.inbound;

import static com.magentobridge.inbound.SoapEnvelopes.envelope;
import static com.magentobridge.inbound.SoapEnvelopes.operationElement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

class SoapShipmentReaderTest {

    private static final String M2_OPERATION = "realtimeDespatchOrderFlowShipmentRequestManagementV1Create";
    private static final String M2_NAMESPACE =
            "http://local.magento2/soap/default?services=realtimeDespatchOrderFlowShipmentRequestManagementV1";
    private static final String M1_OPERATION = "orderflowShipmentCreate";

    /**
     * OrderFlow's shipment despatch envelope from its Magento 2 integration guide (shared/seeds/004_*.txt), the body
     * element exactly as written; only the two placeholders of the envelope are filled in: the store's SOAP URL in
     * the ns1 declaration (the guide's is broken across lines) and {@code [message_id]} (the guide's remote message 77).
     */
    private static final String ORDERFLOW_GUIDE_ENVELOPE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <SOAP-ENV:Envelope
              xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"
              xmlns:ns1="http://local.magento2/soap/default?services=realtimeDespatchOrderFlowShipmentRequestManagementV1">
              <SOAP-ENV:Body>
                <ns1:realtimeDespatchOrderFlowShipmentRequestManagementV1CreateRequest>
                  <sessionId>[session_authentication_token]</sessionId>
                  <orderIncrementId>000000005</orderIncrementId>
                  <skuQty>
                    <item>
                      <sku>24-MB01</sku>
                      <qty>1</qty>
                    </item>
                  </skuQty>
                  <comment>Shipment Created</comment>
                  <email>1</email>
                  <includeComment>1</includeComment>
                  <courierName>Generic</courierName>
                  <serviceName></serviceName>
                  <trackingNumber></trackingNumber>
                  <dateShipped>2017-03-22 15:25:16</dateShipped>
                  <messageSeqId>77</messageSeqId>
                </ns1:realtimeDespatchOrderFlowShipmentRequestManagementV1CreateRequest>
              </SOAP-ENV:Body>
            </SOAP-ENV:Envelope>
            """;

    private final SoapShipmentReader reader = new SoapShipmentReader(new ShipmentMessageAssembler());

    /** What the SOAP edge does: recognise the operation by the element's local name, then read it. */
    private ShipmentMessage read(Element request) {
        SoapOperation operation = SoapOperation.forElement(SoapInventoryReader.localName(request))
                .orElseThrow(() -> new AssertionError("not recognised: " + request.getLocalName()));
        return reader.read(operation, request);
    }

    private ShipmentMessage readEnvelope(String operationXml) {
        return read(operationElement(envelope(operationXml)));
    }

    /** A Magento 2 create request (children without prefix) with the given content. */
    private static String m2(String content) {
        return "<ns1:" + M2_OPERATION + "Request xmlns:ns1=\"" + M2_NAMESPACE + "\">" + content
                + "</ns1:" + M2_OPERATION + "Request>";
    }

    private static String item(String sku, String qty) {
        return "<item><sku>" + sku + "</sku><qty>" + qty + "</qty></item>";
    }

    private static ShipmentMessage.Line line(String sku, String qty, String source) {
        return new ShipmentMessage.Line(sku, new BigDecimal(qty), source);
    }

    @Nested
    class Magento2 {

        @Test
        void readsOrderFlowsShipmentDespatchEnvelopeFromTheIntegrationGuide() {
            Element request = operationElement(ORDERFLOW_GUIDE_ENVELOPE);
            assertThat(SoapOperation.forElement(request.getLocalName())).contains(SoapOperation.SHIPMENT_CREATE);

            ShipmentMessage message = reader.read(SoapOperation.SHIPMENT_CREATE, request);

            assertThat(message.operation()).isEqualTo(M2_OPERATION);
            assertThat(message.messageSeqId()).isEqualTo(77);
            assertThat(message.orderIncrementId()).as("leading zeros kept: it is the customer-facing number")
                    .isEqualTo("000000005");
            assertThat(message.lines()).containsExactly(line("24-MB01", "1", null));
            assertThat(message.notifyCustomer()).isTrue();
            assertThat(message.includeComment()).isTrue();
            assertThat(message.comment()).isEqualTo("Shipment Created");
            assertThat(message.courierName()).isEqualTo("Generic");
            assertThat(message.serviceName()).as("empty serviceName").isNull();
            assertThat(message.trackingNumbers()).as("empty trackingNumber is no track").isEmpty();
            assertThat(message.dateShipped()).isEqualTo("2017-03-22 15:25:16");
        }

        @Test
        void readsTheBareOperationNameLikeTheRequestSuffixedOne() {
            ShipmentMessage message = readEnvelope("<ns1:" + M2_OPERATION + " xmlns:ns1=\"" + M2_NAMESPACE + "\">"
                    + "<orderIncrementId>000000007</orderIncrementId><skuQty>" + item("A-1", "2") + "</skuQty>"
                    + "<messageSeqId>5</messageSeqId></ns1:" + M2_OPERATION + ">");

            assertThat(message.operation()).isEqualTo(M2_OPERATION);
            assertThat(message.orderIncrementId()).isEqualTo("000000007");
            assertThat(message.lines()).containsExactly(line("A-1", "2", null));
        }

        static Stream<Arguments> namespaces() {
            return Stream.of(
                    Arguments.of("ns1 prefix, Magento 2 service namespace", "ns1", M2_NAMESPACE, false),
                    Arguments.of("ns1 prefix on every element", "ns1", M2_NAMESPACE, true),
                    Arguments.of("default namespace, no prefix", "", M2_NAMESPACE, false),
                    Arguments.of("another store's base URL, tns prefix everywhere", "tns",
                            "https://shop.example.co.uk/soap/all?services=realtimeDespatchOrderFlowShipmentRequestManagementV1",
                            true),
                    Arguments.of("urn:Magento", "m", "urn:Magento", false),
                    Arguments.of("no namespace at all", "", null, false));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("namespaces")
        void readsTheSameShipmentWhateverTheNamespaceAndPrefix(String label, String prefix, String namespace,
                                                               boolean prefixChildren) {
            String p = prefix.isEmpty() ? "" : prefix + ":";
            String c = prefixChildren ? p : "";
            String declaration = namespace == null ? "" : prefix.isEmpty()
                    ? " xmlns=\"" + namespace + "\"" : " xmlns:" + prefix + "=\"" + namespace + "\"";
            String xml = "<" + p + M2_OPERATION + "Request" + declaration + ">"
                    + el(c, "orderIncrementId", "000000042")
                    + "<" + c + "skuQty><" + c + "item>" + el(c, "sku", "SKU-9") + el(c, "qty", "3")
                    + el(c, "source", "eu_1") + "</" + c + "item></" + c + "skuQty>"
                    + "<" + c + "tracks><" + c + "item>" + el(c, "trackingNumber", "TRK-1") + "</" + c + "item></"
                    + c + "tracks>"
                    + el(c, "email", "0") + el(c, "courierName", "UPS") + el(c, "messageSeqId", "8")
                    + "</" + p + M2_OPERATION + "Request>";

            ShipmentMessage message = readEnvelope(xml);

            assertThat(message.operation()).isEqualTo(M2_OPERATION);
            assertThat(message.messageSeqId()).isEqualTo(8);
            assertThat(message.orderIncrementId()).isEqualTo("000000042");
            assertThat(message.lines()).containsExactly(line("SKU-9", "3", "eu_1"));
            assertThat(message.trackingNumbers()).containsExactly("TRK-1");
            assertThat(message.notifyCustomer()).isFalse();
            assertThat(message.courierName()).isEqualTo("UPS");
        }

        private static String el(String prefix, String name, String value) {
            return "<" + prefix + name + ">" + value + "</" + prefix + name + ">";
        }

        @Test
        void combinesTrackItemsWithTheTrackingNumberFieldWithoutDuplicates() {
            ShipmentMessage message = readEnvelope(m2("<orderIncrementId>000000005</orderIncrementId>"
                    + "<skuQty>" + item("A", "1") + "</skuQty>"
                    + "<tracks>"
                    + "<item><trackingNumber>1Z999AA10123456784</trackingNumber></item>"
                    + "<item><trackingNumber> JD0002249588 </trackingNumber></item>"
                    + "<item><trackingNumber></trackingNumber></item>"
                    + "<item><trackingNumber>1Z999AA10123456784</trackingNumber></item>"
                    + "</tracks>"
                    + "<trackingNumber>1Z999AA10123456784</trackingNumber>"
                    + "<messageSeqId>1</messageSeqId>"));

            assertThat(message.trackingNumbers()).containsExactly("1Z999AA10123456784", "JD0002249588");
        }

        @Test
        void keepsTheSuffixOfAnEditedOrdersIncrementId() {
            ShipmentMessage message = readEnvelope(m2("<orderIncrementId>000000013-1</orderIncrementId>"
                    + "<skuQty>" + item("A", "1") + "</skuQty><messageSeqId>1</messageSeqId>"));

            assertThat(message.orderIncrementId()).isEqualTo("000000013-1");
        }

        @Test
        void keepsTheSourceOfEachLineInTheOrderSent() {
            ShipmentMessage message = readEnvelope(m2("<orderIncrementId>000000005</orderIncrementId><skuQty>"
                    + "<item><sku>A</sku><qty>1</qty><source>warehouse_uk</source></item>"
                    + "<item><sku>B</sku><qty>2.0000</qty><source>pos_glasgow</source></item>"
                    + "<item><sku>C</sku><qty>1.5</qty></item>"
                    + "<item><sku>D</sku><qty>1</qty><source xsi:nil=\"true\"/></item>"
                    + "</skuQty><messageSeqId>1</messageSeqId>"));

            assertThat(message.lines()).containsExactly(
                    line("A", "1", "warehouse_uk"),
                    line("B", "2", "pos_glasgow"),
                    line("C", "1.5", null),
                    line("D", "1", null));
        }

        @Test
        void treatsXsiNilFieldsAsAbsent() {
            ShipmentMessage message = readEnvelope(m2("<orderIncrementId>000000005</orderIncrementId>"
                    + "<skuQty>" + item("A", "1") + "</skuQty>"
                    + "<comment xsi:nil=\"true\"/><email xsi:nil=\"true\"/><includeComment xsi:nil=\"true\"/>"
                    + "<courierName xsi:nil=\"true\"/><trackingNumber xsi:nil=\"true\"/>"
                    + "<messageSeqId>1</messageSeqId>"));

            assertThat(message.comment()).isNull();
            assertThat(message.notifyCustomer()).isFalse();
            assertThat(message.includeComment()).isFalse();
            assertThat(message.courierName()).isNull();
            assertThat(message.trackingNumbers()).isEmpty();
        }

        @Test
        void rejectsAShipmentWithoutSkuLines() {
            assertThatThrownBy(() -> readEnvelope(m2("<orderIncrementId>000000005</orderIncrementId><skuQty/>"
                    + "<messageSeqId>1</messageSeqId>")))
                    .isInstanceOf(InboundRejectedException.class)
                    .hasMessageContaining("skuQty is empty");
        }
    }

    @Nested
    class Magento1 {

        @Test
        void readsTheRpcEncodedCallWithKeyValueSkuQtyItems() {
            ShipmentMessage message = readEnvelope("""
                    <ns1:orderflowShipmentCreate xmlns:ns1="urn:Magento">
                      <sessionId xsi:type="xsd:string">0123456789abcdef</sessionId>
                      <orderIncrementId xsi:type="xsd:string">100000042</orderIncrementId>
                      <skuQty SOAP-ENC:arrayType="ns1:skuQty[2]" xsi:type="ns1:skuQtyArray">
                        <item xsi:type="ns1:skuQty"><key xsi:type="xsd:string">hdd000</key><value xsi:type="xsd:int">2</value></item>
                        <item xsi:type="ns1:skuQty"><key xsi:type="xsd:string">ssd-512</key><value xsi:type="xsd:int">1</value></item>
                      </skuQty>
                      <comment xsi:type="xsd:string">Despatched</comment>
                      <email xsi:type="xsd:int">1</email>
                      <includeComment xsi:type="xsd:int">0</includeComment>
                      <courierName xsi:type="xsd:string">UPS</courierName>
                      <serviceName xsi:type="xsd:string">Next Day</serviceName>
                      <trackingNumber xsi:type="xsd:string">1Z999AA10123456784</trackingNumber>
                      <dateShipped xsi:type="xsd:date">2015-09-15</dateShipped>
                      <messageSeqId xsi:type="xsd:long">12</messageSeqId>
                    </ns1:orderflowShipmentCreate>""");

            assertThat(message.operation()).isEqualTo(M1_OPERATION);
            assertThat(message.messageSeqId()).isEqualTo(12);
            assertThat(message.orderIncrementId()).isEqualTo("100000042");
            assertThat(message.lines()).containsExactly(line("hdd000", "2", null), line("ssd-512", "1", null));
            assertThat(message.comment()).isEqualTo("Despatched");
            assertThat(message.notifyCustomer()).isTrue();
            assertThat(message.includeComment()).isFalse();
            assertThat(message.courierName()).isEqualTo("UPS");
            assertThat(message.serviceName()).isEqualTo("Next Day");
            assertThat(message.trackingNumbers()).containsExactly("1Z999AA10123456784");
            assertThat(message.dateShipped()).isEqualTo("2015-09-15");
        }

        @Test
        void readsTheWsiRequestParamWithComplexObjectArrayItems() {
            ShipmentMessage message = readEnvelope("""
                    <orderflowShipmentCreateRequestParam xmlns="urn:Magento">
                      <sessionId>abc</sessionId>
                      <orderIncrementId>000000013-1</orderIncrementId>
                      <skuQty>
                        <complexObjectArray><key>hdd000</key><value>3</value></complexObjectArray>
                        <complexObjectArray><key>ssd-512</key><value>1</value></complexObjectArray>
                      </skuQty>
                      <email>0</email>
                      <includeComment>0</includeComment>
                      <messageSeqId>9</messageSeqId>
                    </orderflowShipmentCreateRequestParam>""");

            assertThat(message.operation()).isEqualTo(M1_OPERATION);
            assertThat(message.messageSeqId()).isEqualTo(9);
            assertThat(message.orderIncrementId()).isEqualTo("000000013-1");
            assertThat(message.lines()).containsExactly(line("hdd000", "3", null), line("ssd-512", "1", null));
            assertThat(message.notifyCustomer()).isFalse();
            assertThat(message.trackingNumbers()).isEmpty();
        }

        @Test
        void doesNotReadMagento2SkuElementsInAMagento1Call() {
            assertThatThrownBy(() -> readEnvelope("""
                    <ns1:orderflowShipmentCreate xmlns:ns1="urn:Magento">
                      <orderIncrementId>100000042</orderIncrementId>
                      <skuQty><item><sku>hdd000</sku><qty>2</qty></item></skuQty>
                      <messageSeqId>12</messageSeqId>
                    </ns1:orderflowShipmentCreate>"""))
                    .isInstanceOf(InboundRejectedException.class)
                    .hasMessage("A skuQty item has no sku");
        }
    }
}
