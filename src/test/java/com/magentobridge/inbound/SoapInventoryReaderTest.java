package com.magentobridge.inbound;

import static com.magentobridge.inbound.SoapEnvelopes.envelope;
import static com.magentobridge.inbound.SoapEnvelopes.operationElement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

class SoapInventoryReaderTest {

    private static final String M2_OPERATION = "realtimeDespatchOrderFlowInventoryRequestManagementV1Update";
    private static final String M2_NAMESPACE =
            "http://local.magento2/soap/default?services=realtimeDespatchOrderFlowInventoryRequestManagementV1";
    private static final String M1_OPERATION = "orderflowInventoryMultiUpdate";

    private final SoapInventoryReader reader = new SoapInventoryReader(new InventoryMessageAssembler());

    /** What the SOAP edge does: recognise the operation by the element's local name, then read it. */
    private InventoryMessage read(Element request) {
        SoapOperation operation = SoapOperation.forElement(SoapInventoryReader.localName(request))
                .orElseThrow(() -> new AssertionError("not recognised: " + request.getLocalName()));
        return reader.read(operation, request);
    }

    private InventoryMessage readEnvelope(String operationXml) {
        return read(operationElement(envelope(operationXml)));
    }

    /** A Magento 2 request element (no prefix on the children) holding the given qty/seq items. */
    private static String m2(String qtyItems, String seqItems, String messageSeqId) {
        return "<ns1:" + M2_OPERATION + "Request xmlns:ns1=\"" + M2_NAMESPACE + "\">"
                + "<productQtys>" + qtyItems + "</productQtys>"
                + "<productSeqs>" + seqItems + "</productSeqs>"
                + (messageSeqId == null ? "" : "<messageSeqId>" + messageSeqId + "</messageSeqId>")
                + "</ns1:" + M2_OPERATION + "Request>";
    }

    private static String qtyItem(String sku, String qty) {
        return "<item><sku>" + sku + "</sku><qty>" + qty + "</qty></item>";
    }

    private static String seqItem(String sku, String seq) {
        return "<item><sku>" + sku + "</sku><seq>" + seq + "</seq></item>";
    }

    @Nested
    class Magento2 {

        @Test
        void readsTheUpdateRequestElementWithEveryLinePairedWithItsSequence() {
            InventoryMessage message = read(operationElement(SoapEnvelopes.resource("m2-update-request.xml")));

            assertThat(message.operation()).isEqualTo(M2_OPERATION);
            assertThat(message.messageSeqId()).isEqualTo(71);
            assertThat(message.lines()).containsExactly(
                    new InventoryLineInput("hdd000", null, 10, 10, "2017-03-23 03:37:32"),
                    new InventoryLineInput("ssd-512", "warehouse_uk", 3, 11, null),
                    new InventoryLineInput("usb-c-cable", null, 0, 12, null));
        }

        @Test
        void readsTheBareOperationNameLikeTheRequestSuffixedOne() {
            String bare = "<ns1:" + M2_OPERATION + " xmlns:ns1=\"" + M2_NAMESPACE + "\">"
                    + "<productQtys>" + qtyItem("A-1", "5") + "</productQtys>"
                    + "<productSeqs>" + seqItem("A-1", "77") + "</productSeqs>"
                    + "<messageSeqId>12</messageSeqId></ns1:" + M2_OPERATION + ">";

            InventoryMessage message = readEnvelope(bare);

            assertThat(message.operation()).isEqualTo(M2_OPERATION);
            assertThat(message.messageSeqId()).isEqualTo(12);
            assertThat(message.lines()).containsExactly(new InventoryLineInput("A-1", null, 5, 77, null));
        }

        static Stream<Arguments> namespaces() {
            return Stream.of(
                    Arguments.of("ns1 prefix, Magento 2 service namespace", "ns1", M2_NAMESPACE, false),
                    Arguments.of("ns1 prefix on every element", "ns1", M2_NAMESPACE, true),
                    Arguments.of("default namespace, no prefix", "", M2_NAMESPACE, false),
                    Arguments.of("another store's base URL", "tns",
                            "https://shop.example.co.uk/soap/default?services=realtimeDespatchOrderFlowInventoryRequestManagementV1", true),
                    Arguments.of("urn:Magento", "ns1", "urn:Magento", false),
                    Arguments.of("urn:Magento as default namespace", "", "urn:Magento", false),
                    Arguments.of("no namespace at all", "", null, false));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("namespaces")
        void readsTheSameLinesWhateverTheNamespaceAndPrefix(String label, String prefix, String namespace,
                                                             boolean prefixChildren) {
            String p = prefix.isEmpty() ? "" : prefix + ":";
            String c = prefixChildren ? p : "";
            String declaration = namespace == null ? "" : prefix.isEmpty()
                    ? " xmlns=\"" + namespace + "\"" : " xmlns:" + prefix + "=\"" + namespace + "\"";
            String xml = "<" + p + M2_OPERATION + "Request" + declaration + ">"
                    + "<" + c + "productQtys><" + c + "item><" + c + "sku>SKU-9</" + c + "sku><" + c + "qty>4.0000</"
                    + c + "qty><" + c + "source>eu_1</" + c + "source></" + c + "item></" + c + "productQtys>"
                    + "<" + c + "productSeqs><" + c + "item><" + c + "sku>SKU-9</" + c + "sku><" + c + "seq>31</" + c
                    + "seq><" + c + "lastOrderExported>2024-05-01 10:00:00</" + c + "lastOrderExported></" + c
                    + "item></" + c + "productSeqs>"
                    + "<" + c + "messageSeqId>8</" + c + "messageSeqId>"
                    + "</" + p + M2_OPERATION + "Request>";

            InventoryMessage message = readEnvelope(xml);

            assertThat(message.operation()).isEqualTo(M2_OPERATION);
            assertThat(message.messageSeqId()).isEqualTo(8);
            assertThat(message.lines()).containsExactly(
                    new InventoryLineInput("SKU-9", "eu_1", 4, 31, "2024-05-01 10:00:00"));
        }

        @Test
        void keepsTheMsiSourceOfALineAndLeavesItNullWhenAbsentOrBlank() {
            InventoryMessage message = readEnvelope(m2(
                    "<item><sku>A</sku><qty>1</qty><source>pos_glasgow</source></item>"
                            + "<item><sku>B</sku><qty>2</qty></item>"
                            + "<item><sku>C</sku><qty>3</qty><source>  </source></item>",
                    seqItem("A", "1") + seqItem("B", "2") + seqItem("C", "3"), "1"));

            assertThat(message.lines()).extracting(InventoryLineInput::sku, InventoryLineInput::source)
                    .containsExactly(
                            tuple("A", "pos_glasgow"),
                            tuple("B", null),
                            tuple("C", null));
        }

        @ParameterizedTest(name = "qty \"{0}\" is {1}")
        @CsvSource(delimiter = '|', value = {
                "10.0000| 10",
                "0.0000 | 0",
                "12     | 12",
                "-3     | -3",
                "-3.000 | -3"})
        void acceptsWholeQuantitiesIncludingMagentosDecimalRendering(String qty, long expected) {
            InventoryMessage message = readEnvelope(m2(qtyItem("A", qty), seqItem("A", "5"), "1"));

            assertThat(message.lines()).singleElement().extracting(InventoryLineInput::qty).isEqualTo(expected);
        }

        @Test
        void trimsWhitespaceAroundValues() {
            InventoryMessage message = readEnvelope(m2(
                    "<item><sku>\n   A-7\n  </sku><qty> 6 </qty><source> eu </source></item>",
                    "<item><sku> A-7 </sku><seq>\n 40 \n</seq><lastOrderExported> 2024-01-01 </lastOrderExported></item>",
                    " 3 "));

            assertThat(message.messageSeqId()).isEqualTo(3);
            assertThat(message.lines()).containsExactly(new InventoryLineInput("A-7", "eu", 6, 40, "2024-01-01"));
        }

        @Test
        void treatsXsiNilSourceAndLastOrderExportedAsAbsent() {
            InventoryMessage message = readEnvelope(m2(
                    "<item><sku>A</sku><qty>2</qty><source xsi:nil=\"true\"/></item>",
                    "<item><sku>A</sku><seq>9</seq><lastOrderExported xsi:nil=\"true\"/></item>", "1"));

            assertThat(message.lines()).containsExactly(new InventoryLineInput("A", null, 2, 9, null));
        }

        @Test
        void treatsXsiNilQuantityAsMissing() {
            assertThatThrownBy(() -> readEnvelope(m2(
                    "<item><sku>A</sku><qty xsi:nil=\"true\"/></item>", seqItem("A", "9"), "1")))
                    .isInstanceOf(InboundRejectedException.class)
                    .hasMessage("qty for SKU A is missing");
        }

        @Test
        void treatsXsiNilMessageSeqIdAsMissing() {
            assertThatThrownBy(() -> readEnvelope(m2(qtyItem("A", "1"), seqItem("A", "9"),
                    null).replace("</productSeqs>", "</productSeqs><messageSeqId xsi:nil=\"true\"/>")))
                    .isInstanceOf(InboundRejectedException.class)
                    .hasMessage("messageSeqId is missing");
        }

        @Test
        void acceptsAMessageWithNoLines() {
            InventoryMessage message = readEnvelope(m2("", "", "5"));

            assertThat(message.messageSeqId()).isEqualTo(5);
            assertThat(message.lines()).isEmpty();
        }
    }

    @Nested
    class Magento1 {

        @Test
        void readsTheRpcEncodedEnvelopeOfTheGuideWithSkuQtyAndSkuSeqId() {
            InventoryMessage message = read(operationElement(SoapEnvelopes.resource("m1-rpc-skuQty.xml")));

            assertThat(message.operation()).isEqualTo(M1_OPERATION);
            assertThat(message.messageSeqId()).isEqualTo(4);
            assertThat(message.lines()).containsExactly(new InventoryLineInput("hdd000", null, 0, 10, null));
        }

        @Test
        void readsTheRpcEncodedEnvelopeWithSkusQtyAndSkusSeqId() {
            InventoryMessage message = read(operationElement(SoapEnvelopes.resource("m1-rpc-skusQty.xml")));

            assertThat(message.operation()).isEqualTo(M1_OPERATION);
            assertThat(message.messageSeqId()).isEqualTo(4);
            assertThat(message.lines()).containsExactly(
                    new InventoryLineInput("hdd000", null, 0, 10, "2015-09-15T09:29:54"),
                    new InventoryLineInput("ssd-512", null, 25, 11, null));
        }

        @Test
        void readsTheWsiRequestParamWithComplexObjectArrayItems() {
            InventoryMessage message = read(operationElement(SoapEnvelopes.resource("m1-wsi-request-param.xml")));

            assertThat(message.operation()).isEqualTo(M1_OPERATION);
            assertThat(message.messageSeqId()).isEqualTo(9);
            assertThat(message.lines()).containsExactly(
                    new InventoryLineInput("hdd000", null, 7, 500, "2015-09-15T09:29:54"),
                    new InventoryLineInput("ssd-512", null, -2, 501, null));
        }

        @Test
        void readsKeyValueItemsInADefaultNamespace() {
            InventoryMessage message = readEnvelope("""
                    <orderflowInventoryMultiUpdateRequestParam xmlns="urn:Magento">
                      <sessionId>abc</sessionId>
                      <skusQty><complexObjectArray><key>X</key><value>3</value></complexObjectArray></skusQty>
                      <skusSeqId><complexObjectArray><key>X</key><value>9000000000</value></complexObjectArray></skusSeqId>
                      <messageSeqId>2</messageSeqId>
                    </orderflowInventoryMultiUpdateRequestParam>""");

            assertThat(message.lines()).containsExactly(new InventoryLineInput("X", null, 3, 9_000_000_000L, null));
        }

        @Test
        void rejectsAnItemWithAnEmptyKey() {
            assertThatThrownBy(() -> readEnvelope("""
                    <ns1:orderflowInventoryMultiUpdate xmlns:ns1="urn:Magento">
                      <skusQty SOAP-ENC:arrayType="ns1:skuQty[1]" xsi:type="ns1:skuQtyArray">
                        <item xsi:type="ns1:skuQty"><key xsi:type="xsd:string"></key><value xsi:type="xsd:int">1</value></item>
                      </skusQty>
                      <skusSeqId SOAP-ENC:arrayType="ns1:skuSeq[0]" xsi:type="ns1:skuSeqArray"/>
                      <messageSeqId xsi:type="xsd:long">4</messageSeqId>
                    </ns1:orderflowInventoryMultiUpdate>"""))
                    .isInstanceOf(InboundRejectedException.class)
                    .hasMessage("A quantity item has no sku");
        }

        @Test
        void doesNotReadMagento2ContainersInAMagento1Request() {
            InventoryMessage message = readEnvelope("""
                    <ns1:orderflowInventoryMultiUpdate xmlns:ns1="urn:Magento">
                      <productQtys><item><sku>A</sku><qty>1</qty></item></productQtys>
                      <productSeqs><item><sku>A</sku><seq>1</seq></item></productSeqs>
                      <messageSeqId>4</messageSeqId>
                    </ns1:orderflowInventoryMultiUpdate>""");

            assertThat(message.lines()).isEmpty();
        }
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of("missing messageSeqId", m2(qtyItem("A", "1"), seqItem("A", "1"), null),
                        "messageSeqId is missing"),
                Arguments.of("blank messageSeqId", m2(qtyItem("A", "1"), seqItem("A", "1"), "  "),
                        "messageSeqId is missing"),
                Arguments.of("non-integer messageSeqId", m2(qtyItem("A", "1"), seqItem("A", "1"), "four"),
                        "messageSeqId 'four' is not an integer"),
                Arguments.of("non-integer qty", m2(qtyItem("A", "ten"), seqItem("A", "1"), "1"),
                        "qty 'ten' for SKU A is not an integer"),
                Arguments.of("decimal qty", m2(qtyItem("A", "1.5"), seqItem("A", "1"), "1"),
                        "qty '1.5' for SKU A is not an integer"),
                Arguments.of("missing qty", m2("<item><sku>A</sku></item>", seqItem("A", "1"), "1"),
                        "qty for SKU A is missing"),
                Arguments.of("non-integer seq", m2(qtyItem("A", "1"), seqItem("A", "seven"), "1"),
                        "seq 'seven' for SKU A is not an integer"),
                Arguments.of("decimal seq", m2(qtyItem("A", "1"), seqItem("A", "7.25"), "1"),
                        "seq '7.25' for SKU A is not an integer"),
                Arguments.of("negative seq", m2(qtyItem("A", "1"), seqItem("A", "-1"), "1"),
                        "seq for SKU A must not be negative: -1"),
                Arguments.of("quantity without a sequence item",
                        m2(qtyItem("A", "1") + qtyItem("B", "2"), seqItem("A", "1"), "1"),
                        "SKU B has a quantity but no sequence item: every SKU needs one"),
                Arguments.of("empty SKU on a quantity", m2(qtyItem("", "1"), seqItem("A", "1"), "1"),
                        "A quantity item has no sku"),
                Arguments.of("blank SKU on a sequence", m2(qtyItem("A", "1"), seqItem("   ", "1"), "1"),
                        "A sequence item has no sku"),
                Arguments.of("quantity item without a sku element", m2("<item><qty>1</qty></item>", seqItem("A", "1"), "1"),
                        "A quantity item has no sku"),
                Arguments.of("SKU longer than 128 characters",
                        m2(qtyItem("S".repeat(129), "1"), seqItem("S".repeat(129), "1"), "1"),
                        "SKU '" + "S".repeat(40) + "…' is longer than 128 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsInvalidInputWithAMessageNamingTheProblem(String label, String requestXml, String expectedMessage) {
        assertThatThrownBy(() -> readEnvelope(requestXml))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage(expectedMessage)
                .satisfies(e -> assertThat(((InboundRejectedException) e).httpStatus()).isEqualTo(400));
    }
}
