package com.magentobridge.mapping;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Courier names as the back office sends them → Magento carrier codes ({@code ups}, {@code fedex}, {@code custom},
 * …), from {@code bridge.mappings.couriers}. Names match case-insensitively and trimmed; an unmapped or missing
 * courier gets the default carrier (Magento's {@code custom}).
 */
public class CourierMapping {

    private final Map<String, String> carriers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final String defaultCarrier;

    public CourierMapping(Map<String, String> couriers, String defaultCarrier) {
        couriers.forEach((name, code) -> carriers.put(name.trim(), code.trim()));
        this.defaultCarrier = defaultCarrier;
    }

    public String carrierCode(String courierName) {
        if (courierName == null || courierName.isBlank()) {
            return defaultCarrier;
        }
        return carriers.getOrDefault(courierName.trim(), defaultCarrier);
    }

    /** The track title Magento shows: "courier service", trimmed; the carrier code in capitals when the back office names neither. */
    public String title(String courierName, String serviceName) {
        String title = ((courierName == null ? "" : courierName.trim()) + " "
                + (serviceName == null ? "" : serviceName.trim())).trim();
        return title.isEmpty() ? carrierCode(courierName).toUpperCase(Locale.ROOT) : title;
    }
}
