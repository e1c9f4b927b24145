package com.magentobridge.simulator.magento;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** GET /V1/store/storeConfigs, the call behind the bridge's Magento health check. */
class MagentoStoreConfigsTest extends RunningSimulator {

    @Test
    void storeConfigsAnswerTheDefaultStoreAtTheSimulatorsBaseUrl() throws Exception {
        JsonNode answered = http.getJson("/rest/all/V1/store/storeConfigs");

        assertThat(answered).hasSize(1);
        assertThat(answered.get(0).get("code").asText()).isEqualTo("default");
        assertThat(answered.get(0).get("base_url").asText()).isEqualTo(sim.baseUrl() + "/");
    }

    @Test
    @Tag("contract")
    void storeConfigsHaveTheFieldsAndTypesOfTheRecordedAnswer() throws Exception {
        JsonNode recorded = SimHttp.ocaJson("metadata__06__GET_V1_store_storeConfigs.response.json");

        JsonNode answered = http.getJson("/rest/all/V1/store/storeConfigs");

        SimHttp.assertSameShape("storeConfigs", recorded, answered);
        assertThat(answered).hasSize(1);
        assertThat(answered.get(0).get("code").asText()).isEqualTo("default");
        assertThat(answered.get(0).get("base_url").asText()).isEqualTo(sim.baseUrl() + "/");
    }

    @Test
    void storeConfigsNeedTheToken() throws Exception {
        HttpResponse<String> anonymous = http.call("GET", "/rest/V1/store/storeConfigs", null, null);
        HttpResponse<String> wrong = http.call("GET", "/rest/default/V1/store/storeConfigs", null, "rotated-token");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(SimHttp.json(wrong).at("/parameters/resources").asText()).isEqualTo(StoreConfigs.ACL_STORE);
    }
}
