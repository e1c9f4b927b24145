package com.magentobridge.faults;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.magentobridge.simulator.magento.MagentoSimulator;
import com.magentobridge.simulator.magento.StockWrite;

/**
 * What a fault left behind, read from the bridge's database (by SQL, after the bridge on an H2 file has stopped) and
 * from the Magento simulator's write log: acknowledged messages not processed, messages stored twice, values written
 * after newer ones, SKUs not at their newest value.
 */
final class Verdict {

    private Verdict() {
    }

    static Connection connect(String url) throws SQLException {
        return url.startsWith("jdbc:postgresql") ? DriverManager.getConnection(url, "postgres", "postgres")
                : DriverManager.getConnection(url, "sa", "");
    }

    /**
     * Acknowledged messages of the flow that are not PROCESSED (missing, failed, dead-lettered, still waiting). A message
     * delivered again is recorded again, as DUPLICATE of the first: the first one's state is the message's.
     */
    static List<String> lost(String url, String flow, Collection<Long> acknowledged) throws SQLException {
        Map<Long, String> states = new HashMap<>();
        try (Connection connection = connect(url);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT message_seq_id, state FROM inbound_request WHERE flow = ? AND state <> 'DUPLICATE'")) {
            query.setString(1, flow);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    states.merge(rows.getLong(1), rows.getString(2), (a, b) -> a + "+" + b);
                }
            }
        }
        List<String> lost = new ArrayList<>();
        for (long id : acknowledged) {
            String state = states.get(id);
            if (!"PROCESSED".equals(state)) {
                lost.add(id + " " + (state == null ? "not stored" : state));
            }
        }
        return lost;
    }

    /** Messages of the flow stored more than once to be applied (the same messageSeqId in two requests not DUPLICATE). */
    static List<String> storedTwice(String url, String flow) throws SQLException {
        List<String> twice = new ArrayList<>();
        try (Connection connection = connect(url);
             PreparedStatement query = connection.prepareStatement("SELECT message_seq_id, COUNT(*) FROM inbound_request "
                     + "WHERE flow = ? AND state <> 'DUPLICATE' GROUP BY message_seq_id HAVING COUNT(*) > 1")) {
            query.setString(1, flow);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    twice.add(rows.getLong(1) + " ×" + rows.getLong(2));
                }
            }
        }
        return twice;
    }

    /** Deliveries of the flow recorded as DUPLICATE of a message stored before (a back office sending again). */
    static int redeliveries(String url, String flow) throws SQLException {
        try (Connection connection = connect(url);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT COUNT(*) FROM inbound_request WHERE flow = ? AND state = 'DUPLICATE'")) {
            query.setString(1, flow);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** Requests of the flow not decided yet (RECEIVED or PROCESSING) among these messages. */
    static int undecided(String url, String flow) throws SQLException {
        try (Connection connection = connect(url);
             PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM inbound_request "
                     + "WHERE flow = ? AND state IN ('RECEIVED', 'PROCESSING')")) {
            query.setString(1, flow);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /**
     * Writes Magento received of a value older than one it had received before for the same SKU and source (a line's
     * quantity is its sequence), each as "SKU: seq after seq at time".
     */
    static List<String> olderAfterNewer(MagentoSimulator magento, Set<String> skus) {
        Map<String, BigDecimal> newest = new HashMap<>();
        List<String> regressions = new ArrayList<>();
        for (StockWrite write : magento.stockWrites()) {
            if (!skus.contains(write.sku())) {
                continue;
            }
            String key = write.sku() + "@" + write.sourceCode();
            BigDecimal before = newest.get(key);
            if (before != null && write.quantity().compareTo(before) < 0) {
                regressions.add(key + ": " + write.quantity().toPlainString() + " after " + before.toPlainString() + " at "
                        + write.time());
            } else {
                newest.put(key, write.quantity());
            }
        }
        return regressions;
    }

    /** Writes of a value Magento already had as the newest for that SKU and source (harmless, absolute values). */
    static int rewrites(MagentoSimulator magento, Set<String> skus) {
        Map<String, BigDecimal> newest = new HashMap<>();
        int rewrites = 0;
        for (StockWrite write : magento.stockWrites()) {
            if (skus.contains(write.sku())) {
                BigDecimal before = newest.put(write.sku() + "@" + write.sourceCode(), write.quantity());
                if (before != null && before.compareTo(write.quantity()) == 0) {
                    rewrites++;
                }
            }
        }
        return rewrites;
    }

    /** SKUs whose quantity in Magento is not the newest value sent, each as "SKU: has x, newest y". */
    static List<String> notNewest(MagentoSimulator magento, Map<String, Long> newest) {
        List<String> wrong = new ArrayList<>();
        newest.forEach((sku, seq) -> {
            BigDecimal quantity = magento.sourceQuantity(sku, "default");
            if (quantity == null || quantity.compareTo(BigDecimal.valueOf(seq)) != 0) {
                wrong.add(sku + ": has " + quantity + ", newest " + seq);
            }
        });
        return wrong;
    }
}
