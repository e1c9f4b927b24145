package com.magentobridge.backoffice.orderflow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.magentobridge.backoffice.ExportItem;
import com.magentobridge.backoffice.ProductItem;
import com.magentobridge.order.CanonicalOrder;

/**
 * Builds OrderFlow's {@code <imports>} document for a batch of orders: one
 * {@code <import type="order" operation="insert" externalReference="{increment_id}">} per order whose body is one
 * CDATA section of newline-terminated {@code key=value} lines. The output is deterministic (same items, same text).
 *
 * <h2>Where each fact comes from</h2>
 * Sources (read, not copied): the PHP client {@code realtimedespatch/orderflow-api} @ 3aa22af1 (OSL-3.0) and the
 * Magento 1 extension {@code realtimedespatch/magento-orderflow} (OSL-3.0), summarised in
 * {@code shared/fixtures/orderflow/notes/orderflow-extension-and-protocol.md} §4.
 * <ul>
 *   <li><b>Verified</b> ({@code src/Document/ImportOrdersDocBuilderType.php}): root {@code imports}; child
 *       {@code import} with attributes {@code type="order"}, {@code operation="insert"}, {@code externalReference};
 *       body = one CDATA section; sections in the order order scalars, delivery address (keys prefixed
 *       {@code delivery} + capitalised field), invoice address (prefix {@code invoice}), lines
 *       ({@code orderLine.n.product.externalReference=SKU} first, then {@code orderLine.n.<field>}, n 1-based),
 *       shipment ({@code shipment.<field>}); every line ends with {@code \n} (also the last).</li>
 *   <li><b>Verified</b> ({@code src/Entity/AbstractEntity.php} {@code toArray(true)}): keys come out in the entity's
 *       property declaration order; {@code \n}, {@code \r\n}, {@code \r} are removed from values; empty values are
 *       left out; nested entities are skipped in the flat part.</li>
 *   <li><b>Verified</b> key names and their order: {@code src/Entity/Order.php} (externalReference, state,
 *       paymentGatewayIdentifier, paymentTransactionInfo, customerComment, totalPriceNet, totalPriceGross,
 *       totalPriceTax, totalTax, taxCode, shippingPriceNet, shippingPriceGross, shippingTax, shippingTaxCode,
 *       goodsPriceNet, goodsPriceGross, goodsTax, goodsTaxCode, currency, currencyUnits, promotionCode,
 *       promotionDescription, source); {@code src/Entity/Address.php} (addressLine1..6, countryCode, postCode,
 *       contactName, emailAddress, dayPhoneNumber, eveningPhoneNumber, mobilePhoneNumber, faxNumber, companyName) and
 *       its {@code collapse()} (empty address lines are closed up); {@code src/Entity/OrderLine.php} (quantity,
 *       description, totalPriceNet, totalPriceGross, totalTax, totalTaxCode, unitPriceNet, unitPriceGross, unitTax,
 *       unitTaxCode, promotionCode, promotionPriceDescription, {@code shipment=entity:shipment}: note the real order
 *       is totals <em>before</em> unit prices); {@code src/Entity/Shipment.php} (externalReference (= the order's),
 *       state, earliestShipDate, site, priority, priorityName, weight, weightUnits, courier, deliverySuggestionCode,
 *       deliverySuggestionName, pickingMode, despatchComment, despatchReference, deliveryInstruction,
 *       {@code orderItem=entity:order}).</li>
 *   <li><b>Verified</b> Magento → OrderFlow field mapping ({@code magento-orderflow} {@code etc/config.xml}
 *       {@code rtd_mappings}, {@code Model/Sales/Order.php}, {@code Model/Sales/Order/Item.php}): increment_id →
 *       externalReference, order currency → currency, customer_note → customerComment, coupon_code → promotionCode,
 *       discount_description → promotionDescription, subtotal → goodsPriceNet, subtotal_incl_tax → goodsPriceGross,
 *       goods tax = subtotal_incl_tax − subtotal → goodsTax, shipping_amount → shippingPriceNet, shipping_incl_tax →
 *       shippingPriceGross, shipping_tax_amount → shippingTax, grand_total − tax_amount → totalPriceNet, grand_total →
 *       totalPriceGross, tax_amount → totalTax; address street 1..4 → addressLine1..4, city → addressLine5, region →
 *       addressLine6, postcode → postCode, company → companyName, name → contactName, country_id → countryCode,
 *       telephone → dayPhoneNumber, email → emailAddress; item name → description, qty_ordered → quantity, row_total →
 *       totalPriceNet, row_total_incl_tax → totalPriceGross, tax_amount → totalTax, price → unitPriceNet,
 *       price_incl_tax → unitPriceGross, tax_amount / qty_ordered → unitTax; shipping method →
 *       shipment.deliverySuggestionCode, shipping description → shipment.deliverySuggestionName, customer note →
 *       shipment.deliveryInstruction; only simple (non-virtual) items are sent.</li>
 *   <li><b>Given by the lead</b>: state = {@link ExportItem#status()}, paymentGatewayIdentifier =
 *       {@link ExportItem#paymentMethod()} (the M1 extension sent the payment method title), shipment.site =
 *       {@link ExportItem#site()}.</li>
 *   <li><b>Chosen</b>: {@code source} = the store name (the real builder has a {@code source} field but no mapping
 *       for it); {@code shipment.state} = {@link ExportItem#status()} as well; keys without a value in
 *       {@link CanonicalOrder} (paymentTransactionInfo, tax codes, currencyUnits, priority, courier, weight, evening /
 *       mobile / fax numbers, ...) are left out; money is rendered with exactly 2 decimals, HALF_UP (the PHP client
 *       printed PHP floats, e.g. {@code 54}); quantities plainly without trailing zeros ({@code 1}, {@code 1.5});
 *       zero amounts are written ({@code 0.00}) whereas the PHP client dropped every falsy value incl. 0; values are
 *       trimmed and a blank value is left out; characters XML 1.0 does not allow are removed; more than 4 street
 *       lines are joined into addressLine4 with ", "; an order without a shipping (or billing) address gets no
 *       delivery (or invoice) keys rather than a guessed one; virtual lines are left out (like the M1 extension,
 *       which sent simple items only); an increment id that occurs twice in one batch is sent once (first wins).</li>
 *   <li><b>Chosen</b>, {@code ]]>} inside a value: the PHP client did not handle it (libxml writes it unchanged,
 *       which breaks the document). Here it is split across two CDATA sections, {@code ]]]]><![CDATA[>}, as the XML
 *       spec allows: any XML parser returns the original value as the element's text. An import body then has
 *       more than one CDATA node, but only when a value contains {@code ]]>}.</li>
 * </ul>
 */
public final class OrderFlowImportsDocument {

    /** The XML declaration and root as DOMDocument::saveXML() writes them (no indentation). */
    static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    static final String CDATA_SPLIT = "]]]]><![CDATA[>";

    private OrderFlowImportsDocument() {
    }

    /** The whole {@code <imports>} document for these orders (in the given order). */
    public static String build(List<ExportItem> items) {
        return document(distinct(items).stream().map(item -> new Import("order", "insert",
                item.order().incrementId(), body(item))).toList());
    }

    /**
     * The whole {@code <imports>} document for these products (in the given order): one
     * {@code <import type="product" operation="merge" externalReference="{sku}">} each, whose body is the mapped
     * fields as {@code key=value} lines (the guide's sample; line breaks in values already written {@code [BR]}).
     */
    public static String buildProducts(List<ProductItem> items) {
        return document(items.stream().map(item -> new Import("product", "merge", item.sku(),
                productBody(item))).toList());
    }

    /** The text of one product import: {@code key=value\n} per mapped field, values cleaned, empty ones left out. */
    public static String productBody(ProductItem item) {
        Lines out = new Lines();
        item.fields().forEach(out::put);
        return lines(out.values);
    }

    private record Import(String type, String operation, String reference, String body) { }

    private static String document(List<Import> imports) {
        StringBuilder xml = new StringBuilder(XML_DECLARATION).append("<imports>");
        for (Import item : imports) {
            xml.append("<import type=\"").append(item.type()).append("\" operation=\"").append(item.operation())
               .append("\" externalReference=\"").append(escapeAttribute(item.reference())).append("\">")
               .append("<![CDATA[").append(item.body().replace("]]>", CDATA_SPLIT)).append("]]>")
               .append("</import>");
        }
        return xml.append("</imports>\n").toString();
    }

    /** The items with each increment id once (first occurrence wins), in their order. */
    public static List<ExportItem> distinct(List<ExportItem> items) {
        Map<String, ExportItem> byReference = new LinkedHashMap<>();
        for (ExportItem item : items) {
            byReference.putIfAbsent(item.order().incrementId(), item);
        }
        return List.copyOf(byReference.values());
    }

    /** The text of one import (before CDATA protection): {@code key=value\n} per entry of {@link #keyValues}. */
    public static String body(ExportItem item) {
        return lines(keyValues(item));
    }

    private static String lines(Map<String, String> keyValues) {
        StringBuilder text = new StringBuilder(1024);
        keyValues.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    /** The key/value lines of one order, in document order, values already cleaned; empty values are absent. */
    public static Map<String, String> keyValues(ExportItem item) {
        CanonicalOrder order = item.order();
        Lines out = new Lines();
        CanonicalOrder.Totals totals = order.totals();

        out.put("externalReference", order.incrementId());
        out.put("state", item.status());
        out.put("paymentGatewayIdentifier", item.paymentMethod());
        out.put("customerComment", order.customerNote());
        if (totals != null) {
            out.put("totalPriceNet", money(subtract(totals.grandTotal(), totals.tax())));
            out.put("totalPriceGross", money(totals.grandTotal()));
            out.put("totalTax", money(totals.tax()));
            out.put("shippingPriceNet", money(totals.shipping()));
            out.put("shippingPriceGross", money(totals.shippingInclTax()));
            out.put("shippingTax", money(totals.shippingTax()));
            out.put("goodsPriceNet", money(totals.subtotal()));
            out.put("goodsPriceGross", money(totals.subtotalInclTax()));
            out.put("goodsTax", money(subtract(totals.subtotalInclTax(), totals.subtotal())));
        }
        out.put("currency", order.currency());
        out.put("promotionCode", order.couponCode());
        out.put("promotionDescription", order.discountDescription());
        out.put("source", order.storeName());

        address(out, "delivery", order.shippingAddress());
        address(out, "invoice", order.billingAddress());

        int n = 0;
        for (CanonicalOrder.Line line : order.lines() == null ? List.<CanonicalOrder.Line>of() : order.lines()) {
            if (line.virtual()) {
                continue;
            }
            n++;
            String prefix = "orderLine." + n + ".";
            out.put(prefix + "product.externalReference", line.sku());
            out.put(prefix + "quantity", quantity(line.qtyOrdered()));
            out.put(prefix + "description", line.name());
            out.put(prefix + "totalPriceNet", money(line.rowTotal()));
            out.put(prefix + "totalPriceGross", money(line.rowTotalInclTax()));
            out.put(prefix + "totalTax", money(line.taxAmount()));
            out.put(prefix + "unitPriceNet", money(line.price()));
            out.put(prefix + "unitPriceGross", money(line.priceInclTax()));
            out.put(prefix + "unitTax", money(divide(line.taxAmount(), line.qtyOrdered())));
            out.put(prefix + "shipment", "entity:shipment");
        }

        out.put("shipment.externalReference", order.incrementId());
        out.put("shipment.state", item.status());
        out.put("shipment.site", item.site());
        out.put("shipment.deliverySuggestionCode", order.shippingMethod());
        out.put("shipment.deliverySuggestionName", order.shippingDescription());
        out.put("shipment.deliveryInstruction", order.customerNote());
        out.put("shipment.orderItem", "entity:order");
        return out.values;
    }

    private static void address(Lines out, String prefix, CanonicalOrder.Address address) {
        if (address == null) {
            return;
        }
        List<String> lines = new ArrayList<>();
        List<String> street = address.street() == null ? List.of() : address.street();
        for (int i = 0; i < Math.min(3, street.size()); i++) {
            lines.add(clean(street.get(i)));
        }
        if (street.size() > 3) {
            List<String> rest = new ArrayList<>();
            for (String part : street.subList(3, street.size())) {
                String cleaned = clean(part);
                if (cleaned != null) {
                    rest.add(cleaned);
                }
            }
            lines.add(rest.isEmpty() ? null : String.join(", ", rest));
        }
        lines.add(clean(address.city()));
        lines.add(clean(address.region()));
        // Address::collapse(): no empty line before a filled one.
        int number = 0;
        for (String line : lines) {
            if (line != null) {
                out.put(prefix + "AddressLine" + (++number), line);
            }
        }
        out.put(prefix + "CountryCode", address.countryId());
        out.put(prefix + "PostCode", address.postcode());
        out.put(prefix + "ContactName", name(address.firstname(), address.lastname()));
        out.put(prefix + "EmailAddress", address.email());
        out.put(prefix + "DayPhoneNumber", address.telephone());
        out.put(prefix + "CompanyName", address.company());
    }

    private static String name(String firstname, String lastname) {
        String first = clean(firstname);
        String last = clean(lastname);
        if (first == null) {
            return last;
        }
        return last == null ? first : first + " " + last;
    }

    /** Money: exactly 2 decimals, HALF_UP, never an exponent; null stays null (the key is then left out). */
    public static String money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Quantities: plain, without trailing zeros ({@code 1.0000} → {@code 1}, {@code 1.5000} → {@code 1.5}). */
    public static String quantity(BigDecimal qty) {
        if (qty == null) {
            return null;
        }
        BigDecimal stripped = qty.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static BigDecimal subtract(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? null : a.subtract(b);
    }

    private static BigDecimal divide(BigDecimal amount, BigDecimal qty) {
        if (amount == null || qty == null || qty.signum() == 0) {
            return null;
        }
        return amount.divide(qty, 4, RoundingMode.HALF_UP);
    }

    /**
     * A value as it may appear in a {@code key=value} line: CR and LF removed (as the PHP client does), characters
     * XML 1.0 forbids removed, trimmed; {@code null} when nothing is left.
     */
    public static String clean(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            if (cp != '\n' && cp != '\r' && isXmlChar(cp)) {
                out.appendCodePoint(cp);
            }
        });
        String cleaned = out.toString().strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    /** An attribute value between double quotes: markup characters and whitespace controls as references. */
    public static String escapeAttribute(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\t' -> out.append("&#9;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                default -> {
                    if (isXmlChar(cp)) {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }

    /** XML 1.0 Char production (unpaired surrogates arrive as code points D800-DFFF and are excluded). */
    static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /** Ordered key/value lines; values are cleaned and empty ones dropped. */
    private static final class Lines {
        final Map<String, String> values = new LinkedHashMap<>();

        void put(String key, String value) {
            String cleaned = clean(value);
            if (cleaned != null) {
                values.put(key, cleaned);
            }
        }
    }
}
