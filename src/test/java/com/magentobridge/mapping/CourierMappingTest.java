package com.magentobridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CourierMappingTest {

    /** The couriers of application.yaml, and the default carrier. */
    private final CourierMapping mapping = new CourierMapping(
            Map.of("UPS", "ups", "FedEx", "fedex", "DHL", "dhl", "USPS", "usps"), "custom");

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({"UPS, ups", "FedEx, fedex", "DHL, dhl", "USPS, usps"})
    void mapsConfiguredCourierNamesToMagentoCarrierCodes(String courier, String carrier) {
        assertThat(mapping.carrierCode(courier)).isEqualTo(carrier);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"ups", "Ups", "fedex", "FEDEX", " FedEx ", "\tdhl\n"})
    void matchesCourierNamesIgnoringCaseAndSurroundingWhitespace(String courier) {
        assertThat(mapping.carrierCode(courier)).isIn("ups", "fedex", "dhl")
                .isEqualTo(courier.trim().toLowerCase());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullSource
    @ValueSource(strings = {"", "   ", "Generic", "Royal Mail", "UPS Ground"})
    void givesUnmappedOrMissingCouriersTheDefaultCarrier(String courier) {
        assertThat(mapping.carrierCode(courier)).isEqualTo("custom");
    }

    @Test
    void trimsConfiguredNamesAndCodes() {
        Map<String, String> couriers = new LinkedHashMap<>();
        couriers.put(" Royal Mail ", " royalmail ");

        CourierMapping trimmed = new CourierMapping(couriers, "custom");

        assertThat(trimmed.carrierCode("royal mail")).isEqualTo("royalmail");
    }

    @Test
    void usesTheConfiguredDefaultCarrier() {
        assertThat(new CourierMapping(Map.of(), "tablerate").carrierCode("UPS")).isEqualTo("tablerate");
    }

    @ParameterizedTest(name = "\"{0}\" + \"{1}\" -> \"{2}\"")
    @CsvSource(nullValues = "NULL", value = {
            "UPS,          Next Day,    UPS Next Day",
            "' UPS ',      ' Next Day ', UPS Next Day",
            "Generic,      '',          Generic",
            "Generic,      NULL,        Generic",
            "NULL,         Express,     Express",
            "'',           ' Express ', Express",
            "Royal Mail,   Tracked 24,  Royal Mail Tracked 24"})
    void titlesTheTrackCourierThenServiceTrimmed(String courier, String service, String title) {
        assertThat(mapping.title(courier, service)).isEqualTo(title);
    }

    @Test
    void titlesATrackWithNeitherCourierNorServiceAfterTheCarrier() {
        assertThat(mapping.title(null, null)).isNotBlank().isEqualToIgnoringCase("custom");
        assertThat(mapping.title("  ", "")).isEqualToIgnoringCase("custom");
    }
}
