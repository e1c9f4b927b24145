package com.magentobridge.magento;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Magento's {@code searchCriteria} query string, in the camelCase spelling of the 2.4 OpenAPI, every name and value
 * percent-encoded (brackets included). Each {@link #filter} is its own filter group, so filters are ANDed.
 */
public final class SearchCriteria {

    private record Filter(String field, String value, String condition) { }

    private record Sort(String field, String direction) { }

    /**
     * Indexes 0..9 only: Magento 2.4.8 orders signed parameters naturally ({@code [2]} before {@code [10]}, Laminas's
     * strnatcmp) while RFC 5849 and later Magento order bytes ({@code [10]} before {@code [2]}); below ten both agree.
     */
    static final int MAX_INDEXED = 10;

    private final List<Filter> filters = new ArrayList<>();
    private final List<Sort> sorts = new ArrayList<>();
    private Integer pageSize;
    private Integer currentPage;

    public static SearchCriteria where(String field, String condition, String value) {
        return new SearchCriteria().and(field, condition, value);
    }

    public SearchCriteria and(String field, String condition, String value) {
        if (filters.size() == MAX_INDEXED) {
            throw new IllegalArgumentException("at most " + MAX_INDEXED + " filter groups: OAuth signatures differ past index 9");
        }
        filters.add(new Filter(field, value, condition));
        return this;
    }

    public SearchCriteria sortBy(String field, boolean ascending) {
        if (sorts.size() == MAX_INDEXED) {
            throw new IllegalArgumentException("at most " + MAX_INDEXED + " sort orders: OAuth signatures differ past index 9");
        }
        sorts.add(new Sort(field, ascending ? "ASC" : "DESC"));
        return this;
    }

    public SearchCriteria page(int currentPage, int pageSize) {
        this.currentPage = currentPage;
        this.pageSize = pageSize;
        return this;
    }

    /** The query string without the leading {@code ?}. */
    public String toQuery() {
        StringBuilder query = new StringBuilder();
        for (int group = 0; group < filters.size(); group++) {
            Filter filter = filters.get(group);
            String prefix = "searchCriteria[filterGroups][" + group + "][filters][0]";
            param(query, prefix + "[field]", filter.field());
            param(query, prefix + "[value]", filter.value());
            param(query, prefix + "[conditionType]", filter.condition());
        }
        for (int i = 0; i < sorts.size(); i++) {
            param(query, "searchCriteria[sortOrders][" + i + "][field]", sorts.get(i).field());
            param(query, "searchCriteria[sortOrders][" + i + "][direction]", sorts.get(i).direction());
        }
        if (pageSize != null) {
            param(query, "searchCriteria[pageSize]", pageSize.toString());
            param(query, "searchCriteria[currentPage]", currentPage.toString());
        }
        if (query.length() == 0) {
            // Magento requires searchCriteria to be present even when nothing is filtered
            param(query, "searchCriteria", "");
        }
        return query.toString();
    }

    private static void param(StringBuilder query, String name, String value) {
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(encode(name)).append('=').append(encode(value));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return toQuery();
    }
}
