package com.magentobridge.it;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Every inventory flow test again on PostgreSQL: the same Flyway migrations, and the PostgreSQL statements
 * (ON CONFLICT for idempotency keys and sequences, SKIP LOCKED claims).
 */
@TestPropertySource(properties = "camel.servlet.mapping.servlet-name=CamelServletPostgres")
class PostgresInventoryFlowIT extends InventoryFlowIT {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", SharedPostgres::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
