package com.magentobridge.inventory;

import java.util.ArrayList;
import java.util.List;

/** Cuts writes into chunks Magento accepts (20 items with its input limit on), and halves a rejected chunk. */
public final class SourceItemChunker {

    private final int chunkSize;

    public SourceItemChunker(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1");
        }
        this.chunkSize = chunkSize;
    }

    public <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> result = new ArrayList<>();
        for (int from = 0; from < items.size(); from += chunkSize) {
            result.add(List.copyOf(items.subList(from, Math.min(items.size(), from + chunkSize))));
        }
        return result;
    }

    /** Two halves of a chunk with more than one item, so one bad item can be isolated in log2(n) calls. */
    public static <T> List<List<T>> halves(List<T> items) {
        int middle = items.size() / 2;
        return List.of(List.copyOf(items.subList(0, middle)), List.copyOf(items.subList(middle, items.size())));
    }
}
