package com.magentobridge.storage;

import java.lang.management.ManagementFactory;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * This bridge instance's name in claims (inbox requests, export batches) and in the Quartz cluster. Unique per start,
 * even for two instances in one JVM or on one host: a claim held under the name of a previous start is a dead one's.
 */
@Component
public class NodeName {

    private final String value;

    public NodeName(com.magentobridge.config.BridgeProperties properties) {
        String configured = properties.getNodeName();
        String base = configured == null ? ManagementFactory.getRuntimeMXBean().getName() : configured.strip();
        this.value = base + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
