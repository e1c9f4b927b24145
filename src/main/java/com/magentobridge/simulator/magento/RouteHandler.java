package com.magentobridge.simulator.magento;

/** Handles one matched route. Throw {@link MagentoException} for Magento-shaped error answers. */
@FunctionalInterface
interface RouteHandler {
    SimResponse handle(SimRequest request);
}
