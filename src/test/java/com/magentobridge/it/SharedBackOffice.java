package com.magentobridge.it;

import com.magentobridge.simulator.backoffice.OrderFlowSimulator;

/** One OrderFlow simulator per test JVM, shared by the Spring contexts that export orders. */
public final class SharedBackOffice {

    public static final String USER = "it-orderflow";
    public static final String PASSWORD = "it-orderflow-password";
    public static final OrderFlowSimulator SIMULATOR = new OrderFlowSimulator(USER, PASSWORD).start(0);

    private SharedBackOffice() {
    }

    /** The bridge's back-office settings for this simulator (OrderFlow adapter). */
    public static void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("bridge.backoffice.base-url", SIMULATOR::baseUrl);
        registry.add("bridge.backoffice.username", () -> USER);
        registry.add("bridge.backoffice.password", () -> PASSWORD);
    }
}
