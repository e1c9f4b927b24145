package com.magentobridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.magentobridge.flow.FlowHeaders;

/**
 * The inbound edge checked against the OrderFlow extensions' own declarations (copied into test resources):
 * the Magento 1 WS-I WSDL's element names and the Magento 2 extension's REST routes.
 */
class OrderFlowContractTest {

    private static final String XSD = "http://www.w3.org/2001/XMLSchema";

    @Test
    void magentoOneWsiRequestBuiltFromTheWsdlsOwnNamesIsRead() throws Exception {
        Document wsdl = parse("/fixtures/orderflow-m1-etc_wsi.xml");
        List<String> requestFields = sequenceOf(wsdl, "orderflowInventoryMultiUpdateRequestParam");
        List<String> qtyFields = complexTypeFields(wsdl, "skuQty");
        List<String> seqFields = complexTypeFields(wsdl, "skuSeq");
        String arrayItem = complexTypeFields(wsdl, "skuQtyArray").get(0);
        assertThat(requestFields).containsExactly("sessionId", "skusQty", "skusSeqId", "messageSeqId");

        String xml = "<ns:orderflowInventoryMultiUpdateRequestParam xmlns:ns=\"urn:Magento\">"
                + "<" + requestFields.get(0) + ">session</" + requestFields.get(0) + ">"
                + "<" + requestFields.get(1) + "><" + arrayItem + "><" + qtyFields.get(0) + ">hdd000</" + qtyFields.get(0) + ">"
                + "<" + qtyFields.get(1) + ">12</" + qtyFields.get(1) + "></" + arrayItem + "></" + requestFields.get(1) + ">"
                + "<" + requestFields.get(2) + "><" + arrayItem + "><" + seqFields.get(0) + ">hdd000</" + seqFields.get(0) + ">"
                + "<" + seqFields.get(1) + ">10</" + seqFields.get(1) + "><" + seqFields.get(2) + ">2017-03-23T03:37:32</"
                + seqFields.get(2) + "></" + arrayItem + "></" + requestFields.get(2) + ">"
                + "<" + requestFields.get(3) + ">71</" + requestFields.get(3) + ">"
                + "</ns:orderflowInventoryMultiUpdateRequestParam>";
        Element request = parseString(xml).getDocumentElement();

        SoapOperation operation = SoapOperation.forElement(request.getLocalName()).orElseThrow();
        InventoryMessage message = new SoapInventoryReader(new InventoryMessageAssembler()).read(operation, request);

        assertThat(operation.responseName(request.getLocalName())).isEqualTo("orderflowInventoryMultiUpdateResponseParam")
                .isIn(elementNames(wsdl));
        assertThat(message.messageSeqId()).isEqualTo(71);
        assertThat(message.lines()).containsExactly(new InventoryLineInput("hdd000", null, 12, 10, "2017-03-23T03:37:32"));
    }

    @Test
    void restTwinAnswersOnTheExtensionsOwnInventoryRoute() throws Exception {
        Document webapi = parse("/fixtures/orderflow-m2-etc_webapi.xml");
        NodeList routes = webapi.getElementsByTagName("route");
        String inventoryRoute = null;
        for (int i = 0; i < routes.getLength(); i++) {
            Element route = (Element) routes.item(i);
            Element service = (Element) route.getElementsByTagName("service").item(0);
            if (service.getAttribute("class").endsWith("InventoryRequestManagementInterface")) {
                assertThat(route.getAttribute("method")).isEqualTo("POST");
                assertThat(service.getAttribute("method")).isEqualTo("update");
                inventoryRoute = route.getAttribute("url");
            }
        }
        assertThat(inventoryRoute).isEqualTo("/V1/orderflow/inventory/");

        for (String path : List.of(inventoryRoute, "/default" + inventoryRoute, inventoryRoute.replaceAll("/$", ""))) {
            Exchange exchange = new DefaultExchange(new DefaultCamelContext());
            exchange.getIn().setHeader(Exchange.HTTP_PATH, path);
            exchange.getIn().setBody("{\"messageSeqId\": 1}");
            new RestInbound(new ObjectMapper(), new SecretMasker()).identify(exchange);
            assertThat(exchange.getIn().getHeader(FlowHeaders.FLOW)).as(path).isEqualTo("inventory");
        }
    }

    @Test
    void soapOperationNameFollowsMagentosNamingRuleForTheExtensionsService() throws Exception {
        Document webapi = parse("/fixtures/orderflow-m2-etc_webapi.xml");
        NodeList services = webapi.getElementsByTagName("service");
        for (int i = 0; i < services.getLength(); i++) {
            Element service = (Element) services.item(i);
            if (service.getAttribute("class").endsWith("InventoryRequestManagementInterface")) {
                // Magento: vendor + module + interface without "Interface" + V1 + capitalised method
                String name = "realtimeDespatchOrderFlow" + "InventoryRequestManagement" + "V1"
                        + Character.toUpperCase(service.getAttribute("method").charAt(0)) + service.getAttribute("method").substring(1);
                assertThat(service.getAttribute("class")).isEqualTo("RealtimeDespatch\\OrderFlow\\Api\\InventoryRequestManagementInterface");
                assertThat(SoapOperation.forElement(name)).contains(SoapOperation.INVENTORY_UPDATE);
                assertThat(SoapOperation.forElement(name + "Request")).contains(SoapOperation.INVENTORY_UPDATE);
            }
        }
    }

    private static List<String> sequenceOf(Document wsdl, String elementName) {
        NodeList elements = wsdl.getElementsByTagNameNS(XSD, "element");
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            if (elementName.equals(element.getAttribute("name"))) {
                return childElementNames(element);
            }
        }
        throw new AssertionError("no element " + elementName);
    }

    private static List<String> complexTypeFields(Document wsdl, String typeName) {
        NodeList types = wsdl.getElementsByTagNameNS(XSD, "complexType");
        for (int i = 0; i < types.getLength(); i++) {
            Element type = (Element) types.item(i);
            if (typeName.equals(type.getAttribute("name"))) {
                return childElementNames(type);
            }
        }
        throw new AssertionError("no complexType " + typeName);
    }

    private static List<String> childElementNames(Element parent) {
        List<String> names = new ArrayList<>();
        NodeList elements = parent.getElementsByTagNameNS(XSD, "element");
        for (int i = 0; i < elements.getLength(); i++) {
            names.add(((Element) elements.item(i)).getAttribute("name"));
        }
        return names;
    }

    private static List<String> elementNames(Document wsdl) {
        List<String> names = new ArrayList<>();
        NodeList elements = wsdl.getElementsByTagNameNS(XSD, "element");
        for (int i = 0; i < elements.getLength(); i++) {
            names.add(((Element) elements.item(i)).getAttribute("name"));
        }
        return names;
    }

    private static Document parse(String resource) throws Exception {
        try (InputStream in = OrderFlowContractTest.class.getResourceAsStream(resource)) {
            return factory().newDocumentBuilder().parse(in);
        }
    }

    private static Document parseString(String xml) throws Exception {
        return factory().newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
    }

    private static DocumentBuilderFactory factory() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory;
    }
}
