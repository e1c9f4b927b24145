package com.magentobridge.it;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.magentobridge.migration.PackedResultsMigrationTest;

/** V13's pinned output (see PackedResultsMigrationTest) on PostgreSQL: the same literals, byte for byte. */
class PackedResultsMigrationIT {

    @Test
    void v13PacksV12RowsExactlyAsWhenItShippedOnPostgresql() {
        PackedResultsMigrationTest.assertPinnedOutput(
                new DriverManagerDataSource(SharedPostgres.jdbcUrl("packed_results_migration")));
    }
}
