package com.magentobridge.inventory;

import java.util.Map;
import java.util.Set;

/** Where the adjustment of a batch's SKUs comes from (the order ledger, Magento's carts). */
public interface AdjustmentSource {

    /** Units to subtract per SKU; SKUs without any are left out. */
    Map<String, Adjustment> lookup(Set<String> skus);

    AdjustmentSource NONE = skus -> Map.of();
}
