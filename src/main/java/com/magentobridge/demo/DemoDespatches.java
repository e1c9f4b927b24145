package com.magentobridge.demo;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.magentobridge.simulator.backoffice.BackOfficeSimulator;
import com.magentobridge.simulator.backoffice.OrderFlowSimulator;
import com.magentobridge.simulator.magento.MagentoSimulator;
import com.magentobridge.simulator.magento.OrderBuilder;

/**
 * Demo mode's shop floor: customers place orders in the simulated Magento; the bridge imports them and exports them
 * to the simulated OrderFlow; the simulated warehouse despatches the orders OrderFlow has received, some in two parts.
 */
final class DemoDespatches {

    private static final String[] COURIERS = {"UPS", "DHL", "Royal Mail"};

    private final MagentoSimulator magento;
    private final BackOfficeSimulator backOffice;
    private final OrderFlowSimulator orderFlow;
    private final Deque<Map.Entry<String, Map<String, Long>>> placed = new ArrayDeque<>();
    private final List<String> skus;
    private final Random random = new Random();
    private final Deque<Map.Entry<String, Map<String, Long>>> secondParts = new ArrayDeque<>();
    private int orderCounter;

    DemoDespatches(MagentoSimulator magento, BackOfficeSimulator backOffice, OrderFlowSimulator orderFlow,
                   List<String> skus) {
        this.magento = magento;
        this.backOffice = backOffice;
        this.orderFlow = orderFlow;
        this.skus = skus;
        this.orderCounter = 100_000 + random.nextInt(800_000);
    }

    /**
     * One step: a customer places an order; then the second part of an earlier split despatch if one waits, else the
     * oldest placed order OrderFlow has received is despatched (whole, or a third of the time in two parts).
     */
    String next() throws Exception {
        String placedNow = placeOrder();
        Map.Entry<String, Map<String, Long>> waiting = secondParts.poll();
        if (waiting != null) {
            return "order " + placedNow + " placed; " + despatch(waiting.getKey(), waiting.getValue(), "second part");
        }
        Map.Entry<String, Map<String, Long>> exported = placed.peek();
        if (exported == null || orderFlow.imported(exported.getKey()) == null) {
            return "order " + placedNow + " placed; nothing exported to OrderFlow yet to despatch";
        }
        placed.poll();
        String number = exported.getKey();
        Map<String, Long> lines = exported.getValue();
        if (lines.size() > 1 && random.nextInt(3) == 0) {
            Map<String, Long> first = new LinkedHashMap<>();
            Map<String, Long> second = new LinkedHashMap<>();
            lines.forEach((sku, qty) -> (first.isEmpty() ? first : second).put(sku, qty));
            secondParts.add(Map.entry(number, second));
            return "order " + placedNow + " placed; " + despatch(number, first, "first part");
        }
        return "order " + placedNow + " placed; " + despatch(number, lines, "complete");
    }

    private String placeOrder() {
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
        placed.add(Map.entry(number, lines));
        return number;
    }

    private String despatch(String number, Map<String, Long> lines, String kind) throws Exception {
        String courier = COURIERS[random.nextInt(COURIERS.length)];
        BackOfficeSimulator.Sent sent = backOffice.sendShipment(number, lines, courier, "Standard",
                courier.substring(0, 2).toUpperCase() + Long.toString(Math.abs(random.nextLong()) % 1_000_000_000L));
        return "shipment message " + sent.messageSeqId() + " for order " + number + " (" + kind + ", " + lines + ") → HTTP "
                + sent.status();
    }
}
