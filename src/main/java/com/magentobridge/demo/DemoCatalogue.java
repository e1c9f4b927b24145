package com.magentobridge.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.magentobridge.simulator.magento.MagentoSimulator;

/**
 * The demo's catalogue, Luma-like (the sample data's bags, a configurable hoodie with its sizes, a gift card that is
 * virtual), and a merchandiser editing it a few times a minute: a price, a name, now and then an admin mass update that
 * Magento does not stamp (only the reconciliation sweep sees that one). The product export sends what changed.
 */
public final class DemoCatalogue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCatalogue.class);

    /** Simple products of the catalogue (SKU → name), the demo's stock SKUs among them. */
    static final Map<String, String> SIMPLE = Map.of(
            "24-MB01", "Joust Duffle Bag", "24-MB04", "Strive Shoulder Pack", "24-WB01", "Voyage Yoga Bag",
            "24-WB03", "Push It Messenger Bag", "WP13-28-Blue", "Karmen Yoga Pant-28-Blue",
            "WSH08-29-Purple", "Sybil Running Short-29-Purple");
    /** The configurable hoodie's children: sizes in blue; the first has no image of its own. */
    static final List<String> HOODIE_CHILDREN = List.of("MH09-L-Blue", "MH01-XS-Black");

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-merchandiser");
        thread.setDaemon(true);
        return thread;
    });

    private DemoCatalogue() {
    }

    /** Creates the catalogue in the simulator. */
    public static void seed(MagentoSimulator magento) {
        magento.addProductAttribute("color", "select", Map.of("49", "Black", "50", "Blue", "57", "Purple"));
        SIMPLE.forEach((sku, name) -> magento.newProduct(sku).name(name)
                .price(Integer.toString(20 + Math.abs(sku.hashCode() % 60))).weight("1")
                .image("/" + sku.substring(0, 1).toLowerCase() + "/" + sku.substring(1, 2).toLowerCase() + "/"
                        + sku.toLowerCase() + ".jpg")
                .attribute("color", sku.endsWith("Purple") ? "57" : "50").create());
        magento.newProduct(HOODIE_CHILDREN.get(0)).name("Abominable Hoodie-L-Blue").price("69").notVisibleIndividually()
                .attribute("color", "50").create();
        magento.newProduct(HOODIE_CHILDREN.get(1)).name("Chaz Kangeroo Hoodie-XS-Black").price("52")
                .notVisibleIndividually().image("/m/h/mh01-black_main.jpg").attribute("color", "49").create();
        magento.newProduct("MH09").name("Abominable Hoodie").type("configurable").image("/m/h/mh09-blue_main.jpg")
                .children(HOODIE_CHILDREN.toArray(String[]::new)).create();
        magento.newProduct("GIFT-50").name("Gift card 50").type("virtual").weight(null).create();
    }

    /** Starts editing every {@code interval}: a few edits a minute. */
    public static DemoCatalogue start(MagentoSimulator magento, Duration interval) {
        DemoCatalogue catalogue = new DemoCatalogue();
        List<String> skus = List.copyOf(SIMPLE.keySet());
        AtomicLong edits = new AtomicLong();
        catalogue.timer.scheduleWithFixedDelay(() -> {
            try {
                long edit = edits.incrementAndGet();
                String sku = skus.get(ThreadLocalRandom.current().nextInt(skus.size()));
                if (edit % 5 == 0) {
                    magento.massUpdateProduct(sku, "name", SIMPLE.get(sku) + " (mass update " + edit + ")");
                } else if (edit % 2 == 0) {
                    magento.saveProduct(sku, "name", SIMPLE.get(sku) + " v" + edit);
                } else {
                    BigDecimal price = BigDecimal.valueOf(10 + ThreadLocalRandom.current().nextInt(9000), 2)
                            .setScale(2, RoundingMode.HALF_UP);
                    magento.saveProduct(sku, "price", price);
                }
            } catch (RuntimeException e) {
                LOG.warn("demo catalogue edit failed: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return catalogue;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
