package com.magentobridge.shipment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.magentobridge.inbound.ShipmentMessage;
import com.magentobridge.magento.Quantities;
import com.magentobridge.mapping.CourierMapping;

/**
 * The body of {@code POST /V1/order/{id}/ship} as the 2.4 OpenAPI names it (snake_case, integers for ids): items,
 * {@code notify} from the message's email flag, the comment appended and visible when includeComment is set, one
 * track per tracking number with the mapped carrier code, and the MSI source as {@code arguments.extension_attributes}.
 */
public class ShipRequestBuilder {

    private final CourierMapping couriers;

    public ShipRequestBuilder(CourierMapping couriers) {
        this.couriers = couriers;
    }

    public Map<String, Object> body(ShipmentMessage message, PlannedShipment shipment) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<Map<String, Object>> items = new ArrayList<>();
        for (PlannedShipment.Item item : shipment.items()) {
            items.add(Map.of("order_item_id", item.orderItemId(), "qty", Quantities.normalized(item.qty())));
        }
        body.put("items", items);
        body.put("notify", message.notifyCustomer());
        boolean withComment = message.includeComment() && message.comment() != null;
        body.put("appendComment", withComment);
        if (withComment) {
            body.put("comment", Map.of("comment", message.comment(), "is_visible_on_front", 1));
        }
        List<Map<String, Object>> tracks = tracks(message);
        if (!tracks.isEmpty()) {
            body.put("tracks", tracks);
        }
        if (shipment.sourceCode() != null) {
            body.put("arguments", Map.of("extension_attributes", Map.of("source_code", shipment.sourceCode())));
        }
        return body;
    }

    /** "1Z999 (ups: UPS Next Day)" for the audit. */
    public String describeTracks(ShipmentMessage message) {
        return tracks(message).stream()
                .map(track -> track.get("track_number") + " (" + track.get("carrier_code") + ": " + track.get("title") + ")")
                .collect(Collectors.joining(", "));
    }

    private List<Map<String, Object>> tracks(ShipmentMessage message) {
        String carrier = couriers.carrierCode(message.courierName());
        String title = couriers.title(message.courierName(), message.serviceName());
        List<Map<String, Object>> tracks = new ArrayList<>();
        for (String number : message.trackingNumbers()) {
            Map<String, Object> track = new LinkedHashMap<>();
            track.put("track_number", number);
            track.put("title", title);
            track.put("carrier_code", carrier);
            tracks.add(track);
        }
        return tracks;
    }
}
