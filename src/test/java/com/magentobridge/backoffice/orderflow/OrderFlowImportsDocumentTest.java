package com.magentobridge.backoffice.orderflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.magentobridge.backoffice.ExportItem;
import com.magentobridge.backoffice.TestOrders;
import com.magentobridge.fixtures.OwnOrders;
import com.magentobridge.fixtures.SharedFixtures;
import com.magentobridge.order.CanonicalOrder;

class OrderFlowImportsDocumentTest {

    private static final String SMALL_ORDER_BODY = """
            externalReference=000000101
            state=new
            paymentGatewayIdentifier=CHECKMO
            customerComment=Leave at the back door
            totalPriceNet=105.00
            totalPriceGross=126.00
            totalTax=21.00
            shippingPriceNet=5.00
            shippingPriceGross=6.00
            shippingTax=1.00
            goodsPriceNet=100.00
            goodsPriceGross=120.00
            goodsTax=20.00
            currency=GBP
            promotionCode=SPRING10
            promotionDescription=Spring sale
            source=Main WebsiteMain StoreDefault Store View
            deliveryAddressLine1=12 High Street
            deliveryAddressLine2=York
            deliveryCountryCode=GB
            deliveryPostCode=YO1 7HH
            deliveryContactName=Bob Lee
            deliveryEmailAddress=bob@example.com
            deliveryDayPhoneNumber=01904 000000
            invoiceAddressLine1=Unit 4
            invoiceAddressLine2=Mill Lane
            invoiceAddressLine3=Leeds
            invoiceAddressLine4=West Yorkshire
            invoiceCountryCode=GB
            invoicePostCode=LS1 4AB
            invoiceContactName=Ann Lee
            invoiceEmailAddress=ann@example.com
            invoiceDayPhoneNumber=0113 000000
            invoiceCompanyName=Lee & Co
            orderLine.1.product.externalReference=TEE-RED-M
            orderLine.1.quantity=2
            orderLine.1.description=Tee
            orderLine.1.totalPriceNet=50.00
            orderLine.1.totalPriceGross=60.00
            orderLine.1.totalTax=10.00
            orderLine.1.unitPriceNet=25.00
            orderLine.1.unitPriceGross=30.00
            orderLine.1.unitTax=5.00
            orderLine.1.shipment=entity:shipment
            orderLine.2.product.externalReference=MUG
            orderLine.2.quantity=1.5
            orderLine.2.description=Mug
            orderLine.2.totalPriceNet=50.00
            orderLine.2.totalPriceGross=60.00
            orderLine.2.totalTax=10.00
            orderLine.2.unitPriceNet=50.00
            orderLine.2.unitPriceGross=60.00
            orderLine.2.unitTax=6.67
            orderLine.2.shipment=entity:shipment
            shipment.externalReference=000000101
            shipment.state=new
            shipment.site=WH1
            shipment.deliverySuggestionCode=flatrate_flatrate
            shipment.deliverySuggestionName=Flat Rate - Fixed
            shipment.deliveryInstruction=Leave at the back door
            shipment.orderItem=entity:order
            """;

    @Test
    void smallOrderGivesExactlyTheExpectedLinesInTheRealBuildersOrder() {
        assertThat(OrderFlowImportsDocument.body(TestOrders.item("000000101"))).isEqualTo(SMALL_ORDER_BODY);
    }

    @Test
    void wholeDocumentIsExactAndDeterministic() {
        List<ExportItem> items = List.of(TestOrders.item("000000101"), TestOrders.item("000000102"));

        String xml = OrderFlowImportsDocument.build(items);

        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<imports>"
                + "<import type=\"order\" operation=\"insert\" externalReference=\"000000101\"><![CDATA["
                + SMALL_ORDER_BODY + "]]></import>"
                + "<import type=\"order\" operation=\"insert\" externalReference=\"000000102\"><![CDATA["
                + SMALL_ORDER_BODY.replace("000000101", "000000102") + "]]></import>"
                + "</imports>\n");
        assertThat(OrderFlowImportsDocument.build(items)).isEqualTo(xml);
    }

    @Test
    void sectionsComeInTheRealBuildersOrder() {
        List<String> keys = new ArrayList<>(OrderFlowImportsDocument.keyValues(TestOrders.item("000000101")).keySet());

        int lastScalar = keys.indexOf("source");
        int firstDelivery = keys.indexOf("deliveryAddressLine1");
        int lastDelivery = keys.indexOf("deliveryDayPhoneNumber");
        int firstInvoice = keys.indexOf("invoiceAddressLine1");
        int lastInvoice = keys.indexOf("invoiceCompanyName");
        int firstLine = keys.indexOf("orderLine.1.product.externalReference");
        int lastLine = keys.indexOf("orderLine.2.shipment");
        int firstShipment = keys.indexOf("shipment.externalReference");

        assertThat(keys.get(0)).isEqualTo("externalReference");
        assertThat(List.of(lastScalar, firstDelivery, lastDelivery, firstInvoice, lastInvoice, firstLine, lastLine,
                firstShipment)).isSorted().doesNotContain(-1);
        assertThat(keys.get(keys.size() - 1)).isEqualTo("shipment.orderItem");
        // each line starts with the product reference and ends with the shipment link
        assertThat(keys.indexOf("orderLine.2.product.externalReference"))
                .isEqualTo(keys.indexOf("orderLine.1.shipment") + 1);
    }

    @Test
    void addressLinesAreCollapsedSoThereAreNoGaps() {
        ObjectNode json = TestOrders.smallOrderJson("000000103");
        ObjectNode shipping = (ObjectNode) json.at("/extension_attributes/shipping_assignments/0/shipping/address");
        shipping.putArray("street").add("").add("Flat 2").add("   ").add("7 Low Road");
        shipping.putNull("city");
        shipping.put("region", "North Yorkshire");

        Map<String, String> values = OrderFlowImportsDocument.keyValues(
                TestOrders.item(TestOrders.order(json), "magento"));

        assertThat(values).containsEntry("deliveryAddressLine1", "Flat 2")
                .containsEntry("deliveryAddressLine2", "7 Low Road")
                .containsEntry("deliveryAddressLine3", "North Yorkshire")
                .doesNotContainKeys("deliveryAddressLine4", "deliveryAddressLine5", "deliveryAddressLine6");
    }

    @Test
    void moreThanFourStreetLinesAreJoinedIntoTheFourth() {
        ObjectNode json = TestOrders.smallOrderJson("000000104");
        ArrayNode street = ((ObjectNode) json.get("billing_address")).putArray("street");
        street.add("a").add("b").add("c").add("d").add("e");

        Map<String, String> values = OrderFlowImportsDocument.keyValues(
                TestOrders.item(TestOrders.order(json), "magento"));

        assertThat(values).containsEntry("invoiceAddressLine3", "c")
                .containsEntry("invoiceAddressLine4", "d, e")
                .containsEntry("invoiceAddressLine5", "Leeds")
                .containsEntry("invoiceAddressLine6", "West Yorkshire");
    }

    @Test
    void newlinesAreStrippedFromValues() {
        ObjectNode json = TestOrders.smallOrderJson("000000105");
        json.put("customer_note", "ring twice\r\nthen wait\rplease\n");
        ((ObjectNode) json.get("billing_address")).put("company", "Multi\nLine Ltd");

        String body = OrderFlowImportsDocument.body(TestOrders.item(TestOrders.order(json), "magento"));

        assertThat(body).contains("\ncustomerComment=ring twicethen waitplease\n")
                .contains("\ninvoiceCompanyName=MultiLine Ltd\n")
                .contains("\nsource=Main WebsiteMain StoreDefault Store View\n")
                .doesNotContain("\r");
        assertThat(body.lines()).allSatisfy(line -> assertThat(line).contains("="));
    }

    @Test
    void emptyAndNullValuesAreLeftOut() {
        ObjectNode json = TestOrders.smallOrderJson("000000106");
        json.remove("coupon_code");
        json.put("discount_description", "   ");
        json.putNull("customer_note");
        ExportItem item = new ExportItem(TestOrders.order(json), "new", "CHECKMO", "magento", "ACME", null);

        String body = OrderFlowImportsDocument.body(item);

        assertThat(body).doesNotContain("promotionCode=", "promotionDescription=", "customerComment=",
                "shipment.site=", "shipment.deliveryInstruction=", "deliveryCompanyName=");
        assertThat(body.lines()).allSatisfy(line -> assertThat(line).doesNotEndWith("="));
    }

    @Test
    void cdataTerminatorInAValueCannotEndTheSectionAndSurvivesAParser() throws Exception {
        String comment = "a]]><evil attr=\"x\"/>&amp; ]]]>b ]]";
        ObjectNode json = TestOrders.smallOrderJson("000000107");
        json.put("customer_note", comment);

        String xml = OrderFlowImportsDocument.build(List.of(TestOrders.item(TestOrders.order(json), "magento")));

        assertThat(xml).contains("a]]]]><![CDATA[><evil");
        Document document = SafeXml.parse(xml);
        NodeList imports = document.getDocumentElement().getElementsByTagName("import");
        assertThat(imports.getLength()).isEqualTo(1);
        Element element = (Element) imports.item(0);
        assertThat(element.getElementsByTagName("evil").getLength()).isZero();
        Map<String, String> values = keyValues(element.getTextContent());
        assertThat(values.get("customerComment")).isEqualTo(comment);
        assertThat(values.get("shipment.deliveryInstruction")).isEqualTo(comment);
        assertThat(values).isEqualTo(OrderFlowImportsDocument.keyValues(TestOrders.item(TestOrders.order(json),
                "magento")));
    }

    @Test
    void attributeValuesAreEscaped() throws Exception {
        String reference = "A&B\"<1>'\t2";
        ObjectNode json = TestOrders.smallOrderJson(reference);

        String xml = OrderFlowImportsDocument.build(List.of(TestOrders.item(TestOrders.order(json), "magento")));

        assertThat(xml).contains("externalReference=\"A&amp;B&quot;&lt;1&gt;&apos;&#9;2\">");
        Element element = (Element) SafeXml.parse(xml).getDocumentElement().getFirstChild();
        assertThat(element.getAttribute("externalReference")).isEqualTo(reference);
        assertThat(element.getAttribute("type")).isEqualTo("order");
        assertThat(element.getAttribute("operation")).isEqualTo("insert");
    }

    @Test
    void charactersXmlForbidsAreRemoved() throws Exception {
        ObjectNode json = TestOrders.smallOrderJson("000000108");
        json.put("customer_note", "bell\u0007 nul\u0000 fine\u00e9 \uD83D\uDE00 lone\uD800");

        String xml = OrderFlowImportsDocument.build(List.of(TestOrders.item(TestOrders.order(json), "magento")));

        Element element = (Element) SafeXml.parse(xml).getDocumentElement().getFirstChild();
        assertThat(keyValues(element.getTextContent()).get("customerComment"))
                .isEqualTo("bell nul fine\u00e9 \uD83D\uDE00 lone");
    }

    @Test
    void numbersArePlainWithTwoDecimalsForMoney() {
        assertThat(OrderFlowImportsDocument.money(new BigDecimal("54"))).isEqualTo("54.00");
        assertThat(OrderFlowImportsDocument.money(new BigDecimal("54.0000"))).isEqualTo("54.00");
        assertThat(OrderFlowImportsDocument.money(new BigDecimal("1E+3"))).isEqualTo("1000.00");
        assertThat(OrderFlowImportsDocument.money(new BigDecimal("0.005"))).isEqualTo("0.01");
        assertThat(OrderFlowImportsDocument.money(new BigDecimal("-2.5"))).isEqualTo("-2.50");
        assertThat(OrderFlowImportsDocument.quantity(new BigDecimal("1.0000"))).isEqualTo("1");
        assertThat(OrderFlowImportsDocument.quantity(new BigDecimal("1E+1"))).isEqualTo("10");
        assertThat(OrderFlowImportsDocument.quantity(new BigDecimal("2.5000"))).isEqualTo("2.5");
    }

    @Test
    void virtualLinesAreLeftOutAndNumberingStaysContinuous() {
        ObjectNode json = TestOrders.smallOrderJson("000000109");
        ArrayNode items = (ArrayNode) json.get("items");
        ObjectNode warranty = items.insertObject(0);
        warranty.put("item_id", 9).put("sku", "WARRANTY").put("name", "Warranty").put("product_type", "virtual")
                .put("qty_ordered", 1).put("price", 10).put("is_virtual", 1);

        Map<String, String> values = OrderFlowImportsDocument.keyValues(
                TestOrders.item(TestOrders.order(json), "magento"));

        assertThat(values).containsEntry("orderLine.1.product.externalReference", "TEE-RED-M")
                .containsEntry("orderLine.2.product.externalReference", "MUG")
                .doesNotContainKey("orderLine.3.product.externalReference")
                .doesNotContainValue("WARRANTY");
    }

    @Test
    void anOrderWithoutShippingAddressGetsNoDeliveryKeys() {
        ObjectNode json = TestOrders.smallOrderJson("000000110");
        json.remove("extension_attributes");
        json.put("is_virtual", 1);

        Map<String, String> values = OrderFlowImportsDocument.keyValues(
                TestOrders.item(TestOrders.order(json), "magento"));

        assertThat(values.keySet()).noneMatch(key -> key.startsWith("delivery"));
        assertThat(values).containsKey("invoiceAddressLine1").doesNotContainKey("shipment.deliverySuggestionCode");
    }

    @Test
    void anIncrementIdTwiceInABatchIsSentOnce() {
        ExportItem first = TestOrders.item("000000111");
        ExportItem again = TestOrders.item(TestOrders.smallOrder("000000111"), "other");

        String xml = OrderFlowImportsDocument.build(List.of(first, again));

        assertThat(xml.split("<import ", -1)).hasSize(2);
        assertThat(OrderFlowImportsDocument.distinct(List.of(first, again))).containsExactly(first);
    }

    @Test
    void wholeGuestOrderDocumentGivesTheExpectedDocument() throws Exception {
        givesTheDocument(OwnOrders.json(OwnOrders.GUEST_CONFIGURABLE), "100000041", """
                externalReference=100000041
                state=new
                paymentGatewayIdentifier=checkmo
                totalPriceNet=70.00
                totalPriceGross=70.00
                totalTax=0.00
                shippingPriceNet=5.00
                shippingPriceGross=5.00
                shippingTax=0.00
                goodsPriceNet=65.00
                goodsPriceGross=65.00
                goodsTax=0.00
                currency=GBP
                source=Harbour OutfittersHarbour Outfitters StoreEnglish
                deliveryAddressLine1=7 Quay Steps
                deliveryAddressLine2=Whitby
                deliveryAddressLine3=North Yorkshire
                deliveryCountryCode=GB
                deliveryPostCode=YO21 1DN
                deliveryContactName=Wren Castell
                deliveryEmailAddress=wren.castell@example.net
                deliveryDayPhoneNumber=01947 600123
                invoiceAddressLine1=7 Quay Steps
                invoiceAddressLine2=Whitby
                invoiceAddressLine3=North Yorkshire
                invoiceCountryCode=GB
                invoicePostCode=YO21 1DN
                invoiceContactName=Wren Castell
                invoiceEmailAddress=wren.castell@example.net
                invoiceDayPhoneNumber=01947 600123
                orderLine.1.product.externalReference=JK-OTTER-M-Green
                orderLine.1.quantity=1
                orderLine.1.description=Otter Jacket
                orderLine.1.totalPriceNet=65.00
                orderLine.1.totalPriceGross=65.00
                orderLine.1.totalTax=0.00
                orderLine.1.unitPriceNet=65.00
                orderLine.1.unitPriceGross=65.00
                orderLine.1.unitTax=0.00
                orderLine.1.shipment=entity:shipment
                shipment.externalReference=100000041
                shipment.state=new
                shipment.site=DEFAULT
                shipment.deliverySuggestionCode=flatrate_flatrate
                shipment.deliverySuggestionName=Flat Rate - Fixed
                shipment.orderItem=entity:order
                """);
    }

    @Test
    @Tag("contract")
    void realFixtureOrderGivesTheExpectedDocument() throws Exception {
        ObjectNode order16 =
                (ObjectNode) SharedFixtures.ocaJson("import_sale_order_16__00__GET_V1_orders_16.response.json");
        givesTheDocument(order16, "000000019", """
                externalReference=000000019
                state=new
                paymentGatewayIdentifier=checkmo
                totalPriceNet=54.00
                totalPriceGross=54.00
                totalTax=0.00
                shippingPriceNet=5.00
                shippingPriceGross=5.00
                shippingTax=0.00
                goodsPriceNet=49.00
                goodsPriceGross=49.00
                goodsTax=0.00
                currency=USD
                source=Main WebsiteMain Website StoreDefault Store View
                deliveryAddressLine1=Street
                deliveryAddressLine2=City
                deliveryCountryCode=AF
                deliveryPostCode=1111
                deliveryContactName=Guest Guester
                deliveryEmailAddress=guest@guest.com
                deliveryDayPhoneNumber=1111
                invoiceAddressLine1=Street
                invoiceAddressLine2=City
                invoiceCountryCode=AF
                invoicePostCode=1111
                invoiceContactName=Guest Guester
                invoiceEmailAddress=guest@guest.com
                invoiceDayPhoneNumber=1111
                orderLine.1.product.externalReference=WP13-28-Blue
                orderLine.1.quantity=1
                orderLine.1.description=Portia Capri
                orderLine.1.totalPriceNet=49.00
                orderLine.1.totalPriceGross=49.00
                orderLine.1.totalTax=0.00
                orderLine.1.unitPriceNet=49.00
                orderLine.1.unitPriceGross=49.00
                orderLine.1.unitTax=0.00
                orderLine.1.shipment=entity:shipment
                shipment.externalReference=000000019
                shipment.state=new
                shipment.site=DEFAULT
                shipment.deliverySuggestionCode=flatrate_flatrate
                shipment.deliverySuggestionName=Flat Rate - Fixed
                shipment.orderItem=entity:order
                """);
    }

    /**
     * A whole Magento order document (its store name spread over lines), exported new, paid by checkmo, from site
     * DEFAULT: its body is exactly {@code expectedBody}, and the document holds it as one CDATA section of one import
     * named {@code externalReference}.
     */
    private static void givesTheDocument(ObjectNode json, String externalReference, String expectedBody)
            throws Exception {
        CanonicalOrder order = TestOrders.order(json);
        ExportItem item = new ExportItem(order, "new", "checkmo", "magento", "ACME", "DEFAULT");

        String xml = OrderFlowImportsDocument.build(List.of(item));

        assertThat(OrderFlowImportsDocument.body(item)).isEqualTo(expectedBody);
        assertThat(json.get("store_name").asText()).contains("\n");
        Element element = (Element) SafeXml.parse(xml).getDocumentElement().getFirstChild();
        assertThat(element.getAttribute("externalReference")).isEqualTo(externalReference);
        assertThat(element.getChildNodes().getLength()).isEqualTo(1);
        assertThat(element.getFirstChild().getNodeType()).isEqualTo(Node.CDATA_SECTION_NODE);
    }

    /** A reader of the key=value body written independently of the production code. */
    private static Map<String, String> keyValues(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                int eq = line.indexOf('=');
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }
}
