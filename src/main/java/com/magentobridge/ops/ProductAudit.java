package com.magentobridge.ops;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Read side of the product ledger for ops (the extension's "Export Status" column and "Product Exports" grid):
 * products per destination with their export state and reason, one product with its exports, the export history.
 */
@Repository
public class ProductAudit {

    public record ProductSummary(long id, String sku, String destination, String exportState, String exportReason,
                                 OffsetDateTime magentoUpdatedAt, OffsetDateTime changedAt,
                                 OffsetDateTime exportedAt) { }

    public record ProductDetail(List<ProductSummary> destinations, List<OrderAudit.ExportLine> exports) { }

    private static final String COLUMNS = """
            SELECT id, sku, destination, export_state, export_reason, magento_updated_at, changed_at, exported_at
            FROM product_ledger""";

    private final NamedParameterJdbcTemplate jdbc;
    private final OrderAudit exports;

    public ProductAudit(NamedParameterJdbcTemplate jdbc, OrderAudit exports) {
        this.jdbc = jdbc;
        this.exports = exports;
    }

    public List<ProductSummary> list(String state, int limit) {
        return jdbc.query(COLUMNS + """

                WHERE (CAST(:state AS VARCHAR(16)) IS NULL OR export_state = :state)
                ORDER BY changed_at DESC, id DESC FETCH FIRST :limit ROWS ONLY""",
                new MapSqlParameterSource().addValue("state", state == null ? null : state.toUpperCase())
                        .addValue("limit", limit), (rs, i) -> summary(rs));
    }

    public Optional<ProductDetail> find(String sku) {
        List<ProductSummary> rows = jdbc.query(COLUMNS + " WHERE sku = :sku ORDER BY destination",
                Map.of("sku", sku), (rs, i) -> summary(rs));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProductDetail(rows,
                exports.exportLines("product", rows.stream().map(ProductSummary::id).toList())));
    }

    public List<OrderAudit.Export> exports(int limit) {
        return exports.exports("product", limit);
    }

    private static ProductSummary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ProductSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class),
                rs.getObject(8, OffsetDateTime.class));
    }
}
