package com.magentobridge.it;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Every shipment flow test again on PostgreSQL (its own database on the shared server): the same Flyway migrations,
 * ON CONFLICT idempotency keys, SKIP LOCKED claims and the NUMERIC quantities of shipment lines.
 */
@TestPropertySource(properties = "camel.servlet.mapping.servlet-name=CamelServletPostgresShipment")
class PostgresShipmentFlowIT extends ShipmentFlowIT {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SharedPostgres.jdbcUrl("shipments"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
