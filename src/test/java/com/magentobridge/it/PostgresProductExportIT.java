package com.magentobridge.it;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** Every product export test again on PostgreSQL (its own database on the shared server). */
@TestPropertySource(properties = "camel.servlet.mapping.servlet-name=CamelServletPostgresProducts")
class PostgresProductExportIT extends ProductExportIT {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SharedPostgres.jdbcUrl("products"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
