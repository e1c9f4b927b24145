package com.magentobridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.storage.SqlDialect;

/**
 * The embedded-H2 sequence store against a real H2 with the real migrations: what was applied is known again
 * after a restart, whether or not the log was folded, and folding never moves a sequence back.
 */
class InMemoryAppliedSequencesTest {

    private InventoryStore store;
    private TransactionTemplate transaction;
    private SqlDialect dialect;
    private JdbcDataSource dataSource;

    @BeforeEach
    void database() throws Exception {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:sequences-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).load().migrate();
        dialect = new SqlDialect(dataSource);
        store = new InventoryStore(new NamedParameterJdbcTemplate(dataSource), dialect);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    private void apply(AppliedSequences sequences, StockWrite... writes) {
        List<StockWrite> applied = List.of(writes);
        transaction.executeWithoutResult(status -> sequences.record(applied));
        sequences.committed(applied);
    }

    private static StockWrite write(String sku, long seq) {
        return new StockWrite(seq, sku, "default", 1, seq);
    }

    private static SkuSource key(String sku) {
        return new SkuSource(sku, "default");
    }

    @Test
    void embeddedH2IsRecognisedAsSingleProcess() {
        assertThat(dialect.isSingleProcess()).isTrue();
        assertThat(dialect.isPostgres()).isFalse();
    }

    @Test
    void latestSequencesSurviveARestartBeforeAndAfterFolding() {
        AppliedSequences running = new InMemoryAppliedSequences(store, transaction);
        apply(running, write("A", 10), write("B", 5));
        apply(running, write("A", 12));
        assertThat(running.lastApplied(List.of(key("A"), key("B"), key("C")))).isEqualTo(Map.of(key("A"), 12L, key("B"), 5L));

        AppliedSequences restartedBeforeFold = new InMemoryAppliedSequences(store, transaction);
        assertThat(restartedBeforeFold.lastApplied(List.of(key("A"), key("B")))).isEqualTo(Map.of(key("A"), 12L, key("B"), 5L));

        assertThat(running.fold()).isEqualTo(3);
        assertThat(running.fold()).isZero();
        apply(running, write("B", 7));

        AppliedSequences restartedAfterFold = new InMemoryAppliedSequences(store, transaction);
        assertThat(restartedAfterFold.lastApplied(List.of(key("A"), key("B")))).isEqualTo(Map.of(key("A"), 12L, key("B"), 7L));
    }

    @Test
    void foldingAnOlderLoggedSequenceNeverMovesTheTableBack() {
        AppliedSequences running = new InMemoryAppliedSequences(store, transaction);
        apply(running, write("A", 20));
        running.fold();
        // a replayed, older write that still reached the log must not lower what was applied
        transaction.executeWithoutResult(status -> store.appendSequenceLog(List.of(write("A", 15))));
        running.fold();

        AppliedSequences restarted = new InMemoryAppliedSequences(store, transaction);
        assertThat(restarted.lastApplied(List.of(key("A")))).isEqualTo(Map.of(key("A"), 20L));
    }

    @Test
    void aLargeBatchIsLoggedInPackedRowsAndFoldedOneRowPerTransaction() {
        AppliedSequences running = new InMemoryAppliedSequences(store, transaction);
        StockWrite[] writes = new StockWrite[12_000];
        for (int i = 0; i < writes.length; i++) {
            writes[i] = write("SKU-" + i, 100 + i);
        }
        apply(running, writes);
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sku_sequence_log", Map.of(), Integer.class)).isEqualTo(3);

        Integer foldedFirst = transaction.execute(status -> store.foldOldestSequenceLogRow());
        assertThat(foldedFirst).isEqualTo(SequenceLogEntries.PER_ROW);
        AppliedSequences restartedMidFold = new InMemoryAppliedSequences(store, transaction);
        assertThat(restartedMidFold.lastApplied(List.of(key("SKU-0"), key("SKU-11999"))))
                .isEqualTo(Map.of(key("SKU-0"), 100L, key("SKU-11999"), 12_099L));

        assertThat(running.fold()).isEqualTo(7_000);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sku_sequence", Map.of(), Integer.class)).isEqualTo(12_000);
        assertThat(jdbc.queryForObject("SELECT last_seq FROM sku_sequence WHERE sku = 'SKU-5000'", Map.of(), Long.class))
                .isEqualTo(5_100L);
    }

    @Test
    void upgradingFoldsTheOldOneRowPerSkuLogIntoTheTable() throws Exception {
        JdbcDataSource old = new JdbcDataSource();
        old.setURL("jdbc:h2:mem:upgrade-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(old).target("11").load().migrate();
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(old);
        jdbc.update("INSERT INTO sku_sequence (sku, source_code, last_seq) VALUES ('A', 'default', 10), ('B', 'default', 50)",
                Map.of());
        jdbc.update("""
                INSERT INTO sku_sequence_log (sku, source_code, seq) VALUES
                ('A', 'default', 12), ('A', 'default', 11), ('B', 'default', 40), ('C', 'default', 7), ('C', 'default', 9)""",
                Map.of());

        Flyway.configure().dataSource(old).load().migrate();

        InventoryStore upgraded = new InventoryStore(jdbc, new SqlDialect(old));
        AppliedSequences restarted = new InMemoryAppliedSequences(upgraded,
                new TransactionTemplate(new DataSourceTransactionManager(old)));
        assertThat(restarted.lastApplied(List.of(key("A"), key("B"), key("C"))))
                .isEqualTo(Map.of(key("A"), 12L, key("B"), 50L, key("C"), 9L));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sku_sequence_log", Map.of(), Integer.class)).isZero();
    }

    @Test
    void databaseStrategyReadsWhatItRecorded() {
        AppliedSequences database = new DatabaseAppliedSequences(store);
        apply(database, write("A", 3), write("A", 9), write("B", 1));
        apply(database, write("A", 4));

        assertThat(database.lastApplied(List.of(key("A"), key("B")))).isEqualTo(Map.of(key("A"), 9L, key("B"), 1L));
    }
}
