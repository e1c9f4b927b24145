package com.magentobridge.backoffice;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.magentobridge.order.CanonicalOrder;
import com.magentobridge.order.CanonicalOrderMapper;

/** Orders for back-office tests, built from small Magento order JSON through {@link CanonicalOrderMapper}. */
public final class TestOrders {

    public static final ObjectMapper JSON = new ObjectMapper();

    private TestOrders() {
    }

    /** A small two-line order (a configurable parent and a simple line), UK addresses, 20% VAT. */
    public static ObjectNode smallOrderJson(String incrementId) {
        String json = """
            {
              "entity_id": 501,
              "increment_id": "placeholder",
              "store_id": 1,
              "store_name": "Main Website\\nMain Store\\nDefault Store View",
              "state": "processing",
              "status": "processing",
              "created_at": "2024-03-01 10:00:00",
              "updated_at": "2024-03-01 10:05:00",
              "order_currency_code": "GBP",
              "base_currency_code": "GBP",
              "customer_id": 7,
              "customer_is_guest": 0,
              "customer_email": "ann@example.com",
              "customer_firstname": "Ann",
              "customer_lastname": "Lee",
              "coupon_code": "SPRING10",
              "discount_description": "Spring sale",
              "customer_note": "Leave at the back door",
              "subtotal": 100,
              "subtotal_incl_tax": 120,
              "discount_amount": 0,
              "tax_amount": 21,
              "shipping_amount": 5,
              "shipping_tax_amount": 1,
              "shipping_incl_tax": 6,
              "grand_total": 126,
              "base_grand_total": 126,
              "shipping_description": "Flat Rate - Fixed",
              "payment": {"method": "checkmo"},
              "billing_address": {
                "firstname": "Ann", "lastname": "Lee", "company": "Lee & Co",
                "street": ["Unit 4", "", "Mill Lane"], "city": "Leeds", "region": "West Yorkshire",
                "postcode": "LS1 4AB", "country_id": "GB", "telephone": "0113 000000", "email": "ann@example.com"
              },
              "extension_attributes": {"shipping_assignments": [{"shipping": {
                "method": "flatrate_flatrate",
                "address": {
                  "firstname": "Bob", "lastname": "Lee",
                  "street": ["12 High Street"], "city": "York",
                  "postcode": "YO1 7HH", "country_id": "GB", "telephone": "01904 000000", "email": "bob@example.com"
                }
              }}]},
              "items": [
                {"item_id": 1, "sku": "TEE-RED-M", "name": "Tee", "product_type": "configurable",
                 "qty_ordered": 2.0000, "price": 25.0000, "price_incl_tax": 30.0000, "tax_amount": 10.0000,
                 "row_total": 50.0000, "row_total_incl_tax": 60.0000, "tax_percent": 20},
                {"item_id": 2, "sku": "TEE-RED-M", "name": "Tee-Red-M", "product_type": "simple",
                 "parent_item_id": 1, "qty_ordered": 2, "price": 0, "tax_amount": 0, "row_total": 0},
                {"item_id": 3, "sku": "MUG", "name": "Mug", "product_type": "simple",
                 "qty_ordered": 1.5, "price": 50, "price_incl_tax": 60, "tax_amount": 10,
                 "row_total": 50, "row_total_incl_tax": 60, "tax_percent": 20}
              ]
            }
            """;
        try {
            ObjectNode order = (ObjectNode) JSON.readTree(json);
            order.put("increment_id", incrementId);
            return order;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CanonicalOrder order(ObjectNode magentoJson) {
        return CanonicalOrderMapper.map(magentoJson);
    }

    public static CanonicalOrder smallOrder(String incrementId) {
        return order(smallOrderJson(incrementId));
    }

    public static ExportItem item(CanonicalOrder order, String channel) {
        return new ExportItem(order, "new", "CHECKMO", channel, "ACME", "WH1");
    }

    public static ExportItem item(String incrementId) {
        return item(smallOrder(incrementId), "magento");
    }
}
