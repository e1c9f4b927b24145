package com.magentobridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SoapOperationTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "realtimeDespatchOrderFlowInventoryRequestManagementV1Update,        INVENTORY_UPDATE",
            "realtimeDespatchOrderFlowInventoryRequestManagementV1UpdateRequest, INVENTORY_UPDATE",
            "orderflowInventoryMultiUpdate,                                      INVENTORY_MULTI_UPDATE_M1",
            "orderflowInventoryMultiUpdateRequest,                               INVENTORY_MULTI_UPDATE_M1",
            "orderflowInventoryMultiUpdateRequestParam,                          INVENTORY_MULTI_UPDATE_M1",
            "realtimeDespatchOrderFlowShipmentRequestManagementV1Create,         SHIPMENT_CREATE",
            "realtimeDespatchOrderFlowShipmentRequestManagementV1CreateRequest,  SHIPMENT_CREATE",
            "orderflowShipmentCreate,                                            SHIPMENT_CREATE_M1",
            "orderflowShipmentCreateRequestParam,                                SHIPMENT_CREATE_M1"})
    void recognisesEveryRequestElementNameOfBothMagentoVersions(String localName, SoapOperation expected) {
        assertThat(SoapOperation.forElement(localName)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "realtimeDespatchOrderFlowShipmentRequestManagementV1CreateResponse",
            "orderflowShipmentCreateResponse",
            "realtimeDespatchOrderFlowInventoryRequestManagementV1UpdateResponse",
            "orderflowInventoryMultiUpdateResponseParam",
            "OrderflowInventoryMultiUpdate",
            "ns1:orderflowInventoryMultiUpdate",
            "login",
            ""})
    void recognisesNothingElse(String localName) {
        assertThat(SoapOperation.forElement(localName)).isEmpty();
    }

    @ParameterizedTest(name = "{0} answers with {1}")
    @CsvSource({
            "realtimeDespatchOrderFlowInventoryRequestManagementV1Update,        realtimeDespatchOrderFlowInventoryRequestManagementV1UpdateResponse",
            "realtimeDespatchOrderFlowInventoryRequestManagementV1UpdateRequest, realtimeDespatchOrderFlowInventoryRequestManagementV1UpdateResponse",
            "orderflowInventoryMultiUpdate,                                      orderflowInventoryMultiUpdateResponse",
            "orderflowInventoryMultiUpdateRequest,                               orderflowInventoryMultiUpdateResponse",
            "orderflowInventoryMultiUpdateRequestParam,                          orderflowInventoryMultiUpdateResponseParam"})
    void namesTheReplyElementAfterTheRequestShape(String requestLocalName, String expectedResponse) {
        SoapOperation operation = SoapOperation.forElement(requestLocalName).orElseThrow();

        assertThat(operation.responseName(requestLocalName)).isEqualTo(expectedResponse);
    }

    @Test
    void describesEachOperationsFlowAndShape() {
        assertThat(SoapOperation.INVENTORY_UPDATE.flow()).isEqualTo("inventory");
        assertThat(SoapOperation.INVENTORY_UPDATE.shape()).isEqualTo(SoapOperation.Shape.MAGENTO2);
        assertThat(SoapOperation.INVENTORY_UPDATE.operationName())
                .isEqualTo("realtimeDespatchOrderFlowInventoryRequestManagementV1Update");
        assertThat(SoapOperation.INVENTORY_MULTI_UPDATE_M1.flow()).isEqualTo("inventory");
        assertThat(SoapOperation.INVENTORY_MULTI_UPDATE_M1.shape()).isEqualTo(SoapOperation.Shape.MAGENTO1);
        assertThat(SoapOperation.INVENTORY_MULTI_UPDATE_M1.operationName()).isEqualTo("orderflowInventoryMultiUpdate");
    }
}
