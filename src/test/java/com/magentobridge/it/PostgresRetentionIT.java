package com.magentobridge.it;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The retention tests again on PostgreSQL (its own database on the shared server): the same batched statements. */
@TestPropertySource(properties = "camel.servlet.mapping.servlet-name=CamelServletPostgresRetention")
class PostgresRetentionIT extends RetentionIT {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SharedPostgres.jdbcUrl("retention"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
