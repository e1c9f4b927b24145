package com.magentobridge.demo;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.magentobridge.simulator.backoffice.BackOfficeSimulator;
import com.magentobridge.simulator.magento.MagentoSimulator;
import com.magentobridge.simulator.magento.OrderBuilder;

/**
 * Demo mode's shop floor: customers place orders in the simulated Magento, and the simulated warehouse despatches
 * them, some in two parts and once in a while re-sending a despatch (a Duplicate in the audit).
 */
final class DemoDespatches {

    private static final String[] COURIERS = {"UPS", "DHL", "Royal Mail"};

    private final MagentoSimulator magento;
    private final BackOfficeSimulator backOffice;
    private final List<String> skus;
    private final Random random = new Random();
    private final Deque<Map.Entry<String, Map<String, Long>>> secondParts = new ArrayDeque<>();
    private int orderCounter;

    DemoDespatches(MagentoSimulator magento, BackOfficeSimulator backOffice, List<String> skus) {
        this.magento = magento;
        this.backOffice = backOffice;
        this.skus = skus;
        this.orderCounter = 100_000 + random.nextInt(800_000);
    }

    /** One step: the second part of an earlier split despatch if one waits, else a new order despatched. */
    String next() throws Exception {
        Map.Entry<String, Map<String, Long>> waiting = secondParts.poll();
        if (waiting != null) {
            return despatch(waiting.getKey(), waiting.getValue(), "second part");
        }
        String number = String.format("%09d", ++orderCounter);
        OrderBuilder order = magento.newOrder(number);
        Map<String, Long> lines = new LinkedHashMap<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String sku = skus.get(random.nextInt(skus.size()));
            if (lines.containsKey(sku)) {
                continue;
            }
            long qty = 1 + random.nextInt(3);
            if (sku.contains("-Blue") || sku.contains("-Purple") || sku.contains("-Black")) {
                order.configurable(sku, (int) qty);
            } else {
                order.item(sku, (int) qty);
            }
            lines.put(sku, qty);
        }
        if (random.nextBoolean()) {
            order.guest();
        }
        order.create();
        if (lines.size() > 1 && random.nextInt(3) == 0) {
            Map<String, Long> first = new LinkedHashMap<>();
            Map<String, Long> second = new LinkedHashMap<>();
            lines.forEach((sku, qty) -> (first.isEmpty() ? first : second).put(sku, qty));
            secondParts.add(Map.entry(number, second));
            return despatch(number, first, "first part");
        }
        return despatch(number, lines, "complete");
    }

    private String despatch(String number, Map<String, Long> lines, String kind) throws Exception {
        String courier = COURIERS[random.nextInt(COURIERS.length)];
        BackOfficeSimulator.Sent sent = backOffice.sendShipment(number, lines, courier, "Standard",
                courier.substring(0, 2).toUpperCase() + Long.toString(Math.abs(random.nextLong()) % 1_000_000_000L));
        return "shipment message " + sent.messageSeqId() + " for order " + number + " (" + kind + ", " + lines + ") → HTTP "
                + sent.status();
    }
}
