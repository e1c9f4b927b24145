package com.magentobridge.magento;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MagentoErrorMessageTest {

    @Test
    void fillsPositionalParametersFromAnArray() {
        String body = """
                {"message": "The \\"%1\\" product's SKU can't be found for source \\"%2\\".",
                 "parameters": ["hdd000", "warehouse_uk"]}""";

        assertThat(MagentoErrorMessage.render(body))
                .isEqualTo("The \"hdd000\" product's SKU can't be found for source \"warehouse_uk\".");
    }

    @Test
    void fillsTwoDigitPositionsWithoutTouchingTheOneDigitOnes() {
        StringBuilder parameters = new StringBuilder();
        for (int i = 1; i <= 11; i++) {
            parameters.append(i == 1 ? "" : ",").append("\"p").append(i).append('"');
        }
        String body = "{\"message\": \"%1 %10 %11 %2\", \"parameters\": [" + parameters + "]}";

        assertThat(MagentoErrorMessage.render(body)).isEqualTo("p1 p10 p11 p2");
    }

    @Test
    void fillsNonStringParameters() {
        assertThat(MagentoErrorMessage.render("{\"message\": \"Qty %1 exceeds %2\", \"parameters\": [12, 10.5]}"))
                .isEqualTo("Qty 12 exceeds 10.5");
    }

    @Test
    void fillsNamedParametersFromAnObject() {
        String body = """
                {"message": "The consumer isn't authorized to access %resources.",
                 "parameters": {"resources": "Magento_InventoryApi::source_items"}}""";

        assertThat(MagentoErrorMessage.render(body))
                .isEqualTo("The consumer isn't authorized to access Magento_InventoryApi::source_items.");
    }

    @Test
    void fillsSeveralNamedParameters() {
        String body = """
                {"message": "\\"%fieldName\\" is required. Enter and try again. (%sku)",
                 "parameters": {"fieldName": "source_code", "sku": "A-1"}}""";

        assertThat(MagentoErrorMessage.render(body)).isEqualTo("\"source_code\" is required. Enter and try again. (A-1)");
    }

    @Test
    void keepsTheMessageAsIsWithoutParameters() {
        assertThat(MagentoErrorMessage.render("{\"message\": \"Request does not match any route.\"}"))
                .isEqualTo("Request does not match any route.");
        assertThat(MagentoErrorMessage.render("{\"message\": \"100% sure: %1\", \"parameters\": null}"))
                .isEqualTo("100% sure: %1");
    }

    @Test
    void keepsAJsonBodyWithoutATextMessageAsIs() {
        assertThat(MagentoErrorMessage.render("{\"error\": \"oops\"}")).isEqualTo("{\"error\": \"oops\"}");
        assertThat(MagentoErrorMessage.render("{\"message\": {\"text\": \"x\"}}")).isEqualTo("{\"message\": {\"text\": \"x\"}}");
        assertThat(MagentoErrorMessage.render("[1, 2]")).isEqualTo("[1, 2]");
    }

    @Test
    void keepsANonJsonBodyAsIs() {
        String html = "<html><body><h1>502 Bad Gateway</h1></body></html>";

        assertThat(MagentoErrorMessage.render(html)).isEqualTo(html);
        assertThat(MagentoErrorMessage.render("{\"message\": \"truncated")).isEqualTo("{\"message\": \"truncated");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n"})
    void saysTheBodyWasEmpty(String body) {
        assertThat(MagentoErrorMessage.render(body)).isEqualTo("(empty body)");
    }

    @Test
    void truncatesALongBodyTo500Characters() {
        String body = "x".repeat(2000);

        assertThat(MagentoErrorMessage.render(body)).isEqualTo("x".repeat(500) + "…");
    }

    @Test
    void truncatesALongRenderedMessageTo500Characters() {
        String body = "{\"message\": \"SKUs %1\", \"parameters\": [\"" + "A,".repeat(400) + "\"]}";

        String rendered = MagentoErrorMessage.render(body);

        assertThat(rendered).hasSize(501).startsWith("SKUs A,A,").endsWith("…");
    }

    @Test
    void keepsABodyOfExactly500Characters() {
        String body = "y".repeat(500);

        assertThat(MagentoErrorMessage.render(body)).isEqualTo(body);
    }

    @Test
    void namedParametersThatArePrefixesOfEachOtherFillTheirOwnPlaces() {
        String body = "{\"message\":\"%field is bad in %fieldName\",\"parameters\":{\"field\":\"X\",\"fieldName\":\"Y\"}}";

        assertThat(MagentoErrorMessage.render(body)).isEqualTo("X is bad in Y");
    }

    @Test
    void aParameterValueIsNeverSubstitutedAgain() {
        String body = "{\"message\":\"SKU %1 in %2\",\"parameters\":[\"A\",\"50%1off\"]}";

        assertThat(MagentoErrorMessage.render(body)).isEqualTo("SKU A in 50%1off");
    }
}
