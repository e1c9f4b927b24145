package com.magentobridge.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Inventory messages over a set of SKUs, each line with a sequence no other line has. A line's quantity is its
 * sequence, so Magento's write log tells which sequence reached it, and the highest sequence per SKU is the quantity
 * Magento must end with. {@code sequences} holds each message's lines (SKU → sequence), for a sender that sends only
 * some of the messages.
 */
public record ShuffledStock(List<String> envelopes, List<Long> messageIds, Map<String, Long> highestSeq,
                            List<Map<String, Long>> sequences) {

    /** {@code count} SKU names, {@code name} given the index. */
    public static List<String> skus(int count, java.util.function.IntFunction<String> name) {
        List<String> skus = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            skus.add(name.apply(i));
        }
        return skus;
    }

    public static ShuffledStock generate(Random random, List<String> skus, int messages, int maxLinesPerMessage, int maxSeq,
                                  LongSupplier nextMessageId) {
        return generate(random, skus, messages, maxLinesPerMessage, 0, maxSeq, nextMessageId);
    }

    /**
     * Traffic that goes on: {@code waves} runs of {@code perWave} messages, shuffled within each wave, every wave's
     * sequences above the previous one's — as a back office whose deliveries overtake each other within a short window.
     * Over one wave alone almost every later line would be older than one applied, and nothing would be written.
     */
    public static ShuffledStock waves(Random random, List<String> skus, int waves, int perWave, int maxLinesPerMessage,
                                      LongSupplier nextMessageId) {
        int range = perWave * maxLinesPerMessage * 4;
        List<String> envelopes = new ArrayList<>();
        List<Long> messageIds = new ArrayList<>();
        Map<String, Long> highestSeq = new HashMap<>();
        List<Map<String, Long>> sequences = new ArrayList<>();
        for (int wave = 0; wave < waves; wave++) {
            ShuffledStock one = generate(random, skus, perWave, maxLinesPerMessage, (long) wave * range, range,
                    nextMessageId);
            envelopes.addAll(one.envelopes());
            messageIds.addAll(one.messageIds());
            one.highestSeq().forEach((sku, seq) -> highestSeq.merge(sku, seq, Math::max));
            sequences.addAll(one.sequences());
        }
        return new ShuffledStock(envelopes, messageIds, highestSeq, sequences);
    }

    private static ShuffledStock generate(Random random, List<String> skus, int messages, int maxLinesPerMessage,
                                          long firstSeq, int maxSeq, LongSupplier nextMessageId) {
        Set<Long> usedSeqs = new HashSet<>();
        Map<String, Long> highestSeq = new HashMap<>();
        List<String> envelopes = new ArrayList<>();
        List<Long> messageIds = new ArrayList<>();
        List<Map<String, Long>> sequences = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            Map<String, long[]> lines = new LinkedHashMap<>();
            List<String> pick = new ArrayList<>(skus);
            Collections.shuffle(pick, random);
            for (String sku : pick.subList(0, 1 + random.nextInt(maxLinesPerMessage))) {
                long seq;
                do {
                    seq = firstSeq + 1 + random.nextInt(maxSeq);
                } while (!usedSeqs.add(seq));
                lines.put(sku, new long[] {seq, seq});
                highestSeq.merge(sku, seq, Math::max);
            }
            Map<String, Long> seqs = new LinkedHashMap<>();
            lines.forEach((sku, qtyAndSeq) -> seqs.put(sku, qtyAndSeq[1]));
            sequences.add(seqs);
            long msg = nextMessageId.getAsLong();
            messageIds.add(msg);
            envelopes.add(BridgeClient.m2Envelope(msg, lines));
        }
        return new ShuffledStock(envelopes, messageIds, highestSeq, sequences);
    }
}
