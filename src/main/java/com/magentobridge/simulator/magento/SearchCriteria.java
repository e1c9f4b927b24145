package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Magento's {@code searchCriteria} query parameters, parsed from a raw query string and applied to a list of
 * JSON entities the way Magento's repositories ({@code getList}) do.
 *
 * <p>Accepted spellings (mixed freely, brackets raw or percent-encoded, {@code +} = space as in PHP):
 * {@code searchCriteria[filterGroups|filter_groups][g][filters][f][field|value|conditionType|condition_type]},
 * {@code searchCriteria[sortOrders|sort_orders][i][field|direction]}, {@code searchCriteria[pageSize|page_size]},
 * {@code searchCriteria[currentPage|current_page]}. A bare {@code searchCriteria=} means "no criteria".
 *
 * <p>Semantics (Magento + MySQL with its default case-insensitive collation):
 * <ul>
 *   <li>filters within one group are ORed, groups are ANDed; the condition type defaults to {@code eq};</li>
 *   <li>condition types {@code eq, neq, gt, gteq, lt, lteq, moreq, from, to, like, nlike, in, nin, finset, null,
 *       notnull}; an unknown one is treated as {@code eq};</li>
 *   <li>a JSON number (or boolean, Magento's SMALLINT flags) field is compared numerically, the filter value
 *       converted the MySQL way (its leading numeric part, else 0: {@code "true"} is 0); anything else as text
 *       ignoring case (so {@code increment_id = "13"} does NOT match {@code "000000013"}, like a VARCHAR column);
 *       a missing/null field never matches a comparison (SQL NULL);</li>
 *   <li>{@code like}: {@code %} any run, {@code _} one character; {@code in}/{@code nin}: comma-separated list;</li>
 *   <li>a date value written {@code 2020-05-01T10:00:00Z} is compared as {@code 2020-05-01 10:00:00};</li>
 *   <li>sort direction {@code ASC} (any case) sorts ascending, anything else (also a missing direction) descending,
 *       like Magento's {@code direction == ASC ? ASC : DESC}; the natural order is {@code entity_id} ascending.
 *       Magento orders only by the given sort orders and MySQL answers ties in no specified order; the simulator
 *       breaks them by {@code entity_id} ascending (the natural order) so paging over ties is deterministic;</li>
 *   <li>without a page size every match is returned; with one, a current page past the last page answers the last
 *       page again (Magento's collection clamps it), below 1 answers page 1; {@code total_count} is always the number
 *       of matches. A page size of 0 or less is treated as "no paging" (simulator choice).</li>
 * </ul>
 * The echo ({@link #toJson()}) uses the snake_case keys Magento answers with; {@code condition_type} is always
 * present ({@code eq} by default), like Magento's {@code Filter::getConditionType()}.
 */
final class SearchCriteria {

    record Filter(String field, String value, String conditionType) {
    }

    record Sort(String field, boolean ascending, String direction) {
    }

    private static final Pattern ISO_DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?(\\.\\d+)?(Z|[+-]00:?00)?");

    /** A filter with its operand prepared once per request (date normalised, LIKE pattern compiled). */
    private record Compiled(Filter filter, String operand, Pattern like) {
        static Compiled of(Filter f) {
            String operand = f.value() == null ? null : normaliseDate(f.value());
            Pattern like = null;
            if (operand != null && ("like".equals(f.conditionType()) || "nlike".equals(f.conditionType()))) {
                like = likePattern(operand);
            }
            return new Compiled(f, operand, like);
        }
    }

    private final List<List<Filter>> groups;
    private final List<List<Compiled>> compiled;
    private final List<Sort> sorts;
    private final Integer pageSize;
    private final Integer currentPage;
    private final boolean present;

    private SearchCriteria(List<List<Filter>> groups, List<Sort> sorts, Integer pageSize, Integer currentPage,
                           boolean present) {
        this.groups = groups;
        List<List<Compiled>> c = new ArrayList<>(groups.size());
        for (List<Filter> group : groups) {
            List<Compiled> cg = new ArrayList<>(group.size());
            for (Filter f : group) {
                cg.add(Compiled.of(f));
            }
            c.add(cg);
        }
        this.compiled = c;
        this.sorts = sorts;
        this.pageSize = pageSize;
        this.currentPage = currentPage;
        this.present = present;
    }

    List<List<Filter>> groups() {
        return groups;
    }

    List<Sort> sorts() {
        return sorts;
    }

    Integer pageSize() {
        return pageSize;
    }

    Integer currentPage() {
        return currentPage;
    }

    /** The same criteria with another page size (Magento's default page size when the caller gave none). */
    SearchCriteria withPageSize(int size) {
        return new SearchCriteria(groups, sorts, size, currentPage, present);
    }

    /** Whether the query had any {@code searchCriteria} parameter at all (Magento requires it on getList). */
    boolean present() {
        return present;
    }

    // =================================================================== parsing

    /**
     * Parses the raw (still percent-encoded) query string. Parameters other than {@code searchCriteria...} are
     * ignored. A non-integer page size / current page answers Magento's 400 type error.
     */
    static SearchCriteria parse(String rawQuery) {
        Map<String, Object> root = new TreeMap<>();
        boolean present = false;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = formDecode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
                List<String> path = keyPath(key);
                if (path == null || !path.get(0).equals("searchCriteria")) {
                    continue;
                }
                present = true;
                if (path.size() > 1) {
                    put(root, path.subList(1, path.size()), value);
                }
            }
        }
        List<List<Filter>> groups = new ArrayList<>();
        for (Object g : indexed(root.get("filter_groups"))) {
            List<Filter> filters = new ArrayList<>();
            if (g instanceof Map<?, ?> group) {
                for (Object f : indexed(group.get("filters"))) {
                    if (f instanceof Map<?, ?> filter) {
                        String field = text(filter.get("field"));
                        String value = text(filter.get("value"));
                        String condition = text(filter.get("condition_type"));
                        filters.add(new Filter(field, value,
                                condition == null || condition.isEmpty() ? "eq" : condition.toLowerCase(Locale.ROOT)));
                    }
                }
            }
            groups.add(filters);
        }
        List<Sort> sorts = new ArrayList<>();
        for (Object s : indexed(root.get("sort_orders"))) {
            if (s instanceof Map<?, ?> sort) {
                String field = text(sort.get("field"));
                String direction = text(sort.get("direction"));
                boolean asc = direction != null && direction.trim().equalsIgnoreCase("ASC");
                sorts.add(new Sort(field, asc, asc ? "ASC" : "DESC"));
            }
        }
        return new SearchCriteria(groups, sorts, integer(root.get("page_size")), integer(root.get("current_page")),
                present);
    }

    /** {@code a[b][c]} → [a, b, c] with each name normalised to snake_case; null if malformed. */
    private static List<String> keyPath(String key) {
        int open = key.indexOf('[');
        List<String> path = new ArrayList<>();
        path.add(open < 0 ? key : key.substring(0, open));
        int i = open;
        while (i >= 0 && i < key.length()) {
            if (key.charAt(i) != '[') {
                return null;
            }
            int close = key.indexOf(']', i);
            if (close < 0) {
                return null;
            }
            path.add(snakeCase(key.substring(i + 1, close)));
            i = close + 1;
        }
        return path;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> node, List<String> path, String value) {
        String head = path.get(0);
        if (path.size() == 1) {
            node.put(head, value);
            return;
        }
        Object child = node.get(head);
        if (!(child instanceof Map)) {
            child = new TreeMap<String, Object>();
            node.put(head, child);
        }
        put((Map<String, Object>) child, path.subList(1, path.size()), value);
    }

    /** Children of an indexed node ({@code [0]}, {@code [1]}, ...) in numeric index order. */
    private static List<Object> indexed(Object node) {
        List<Object> out = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            entries.sort(Comparator.comparing((Map.Entry<?, ?> e) -> indexOf(String.valueOf(e.getKey())))
                    .thenComparing(e -> String.valueOf(e.getKey())));
            for (Map.Entry<?, ?> e : entries) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    private static long indexOf(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String text(Object o) {
        return o instanceof String s ? s : null;
    }

    private static Integer integer(Object o) {
        if (!(o instanceof String s) || s.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            throw MagentoErrors.badRequest(MagentoErrors.named(MagentoErrors.INVALID_TYPE, "value", s, "type", "int"));
        }
    }

    /** application/x-www-form-urlencoded decoding as PHP does it: {@code +} is a space, then %XX escapes. */
    static String formDecode(String s) {
        return PathCodec.decode(s.indexOf('+') < 0 ? s : s.replace('+', ' '));
    }

    static String snakeCase(String name) {
        StringBuilder sb = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (sb == null) {
                    sb = new StringBuilder(name.length() + 4).append(name, 0, i);
                }
                if (i > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? name : sb.toString();
    }

    // =================================================================== applying

    /** The Magento search-result envelope for {@code all} (already in natural order). */
    ObjectNode apply(List<ObjectNode> all) {
        List<ObjectNode> matches = new ArrayList<>();
        for (ObjectNode entity : all) {
            if (matches(entity)) {
                matches.add(entity);
            }
        }
        return page(matches);
    }

    /** Sorts and pages entities that already passed {@link #matches}; answers the search-result envelope. */
    ObjectNode page(List<ObjectNode> matches) {
        List<Hit<ObjectNode>> hits = new ArrayList<>(matches.size());
        for (int i = 0; i < matches.size(); i++) {
            ObjectNode entity = matches.get(i);
            hits.add(hit(entity, entity, i)); // natural order (the list's) breaks ties
        }
        sort(hits);
        int total = hits.size();
        int[] range = pageRange(total);
        List<JsonNode> page = new ArrayList<>(range[1] - range[0]);
        for (int i = range[0]; i < range[1]; i++) {
            page.add(hits.get(i).value());
        }
        return envelope(page, total);
    }

    // ------------------------------------------------------------------- sorting and paging without copying

    /**
     * One match: a reference to the entity (whatever the caller keeps), its sort keys extracted once, and a
     * tie-breaker (the entity_id for orders and carts). Sorting compares only these keys, never the JSON.
     */
    record Hit<T>(T value, Key[] keys, long tie) {
    }

    /** Builds a hit for {@code value} whose JSON is {@code entity}; call under whatever guards {@code entity}. */
    <T> Hit<T> hit(T value, JsonNode entity, long tie) {
        Key[] keys = new Key[sorts.size()];
        for (int i = 0; i < keys.length; i++) {
            String field = sorts.get(i).field();
            keys[i] = Key.of(field == null ? null : entity.get(field));
        }
        return new Hit<>(value, keys, tie);
    }

    /**
     * Sorts hits by the requested sort orders, then by the tie-breaker ascending. Magento itself orders only by the
     * given sort orders (MySQL answers ties in an unspecified order, in practice primary-key order); the simulator
     * makes that deterministic.
     */
    <T> void sort(List<Hit<T>> hits) {
        if (sorts.isEmpty()) {
            hits.sort((a, b) -> Long.compare(a.tie(), b.tie()));
            return;
        }
        boolean[] ascending = new boolean[sorts.size()];
        for (int i = 0; i < ascending.length; i++) {
            ascending[i] = sorts.get(i).ascending();
        }
        hits.sort((a, b) -> {
            for (int i = 0; i < ascending.length; i++) {
                int c = Key.compare(a.keys()[i], b.keys()[i]);
                if (c != 0) {
                    return ascending[i] ? c : -c;
                }
            }
            return Long.compare(a.tie(), b.tie());
        });
    }

    /** Sorts the hits and answers the values on the requested page, in order. */
    <T> List<T> pageOf(List<Hit<T>> hits) {
        sort(hits);
        int[] range = pageRange(hits.size());
        List<T> page = new ArrayList<>(range[1] - range[0]);
        for (Hit<T> hit : hits.subList(range[0], range[1])) {
            page.add(hit.value());
        }
        return page;
    }

    /**
     * {@code [from, to)} of the requested page within {@code total} sorted matches: without a page size (or with one
     * of 0 or less) everything; a current page past the last page answers the last page again (Magento's collection
     * clamps {@code getCurPage()}), one below 1 answers page 1.
     */
    int[] pageRange(int total) {
        if (pageSize == null || pageSize <= 0) {
            return new int[] {0, total};
        }
        int lastPage = Math.max(1, (int) ((total + (long) pageSize - 1) / pageSize));
        int current = currentPage == null ? 1 : Math.min(Math.max(currentPage, 1), lastPage);
        int from = (int) Math.min((long) (current - 1) * pageSize, total);
        int to = (int) Math.min((long) from + pageSize, total);
        return new int[] {from, to};
    }

    /** {@code {"items": [...], "search_criteria": {...}, "total_count": n}}; the items are used as given. */
    ObjectNode envelope(List<? extends JsonNode> page, int total) {
        ObjectNode result = Json.object();
        ArrayNode items = result.putArray("items");
        for (JsonNode n : page) {
            items.add(n);
        }
        result.set("search_criteria", toJson());
        result.put("total_count", total);
        return result;
    }

    /**
     * A sort key: SQL NULL first (ascending), two numbers numerically, anything else as text ignoring case (the
     * default MySQL collation).
     */
    static final class Key {
        private static final Key NULL = new Key(null, null);
        private final BigDecimal number;
        private final String text;

        private Key(BigDecimal number, String text) {
            this.number = number;
            this.text = text;
        }

        static Key of(JsonNode v) {
            if (v == null || v.isNull() || v.isMissingNode()) {
                return NULL;
            }
            if (v.isNumber()) {
                return new Key(v.decimalValue(), null);
            }
            return new Key(null, Json.text(v));
        }

        private String text() {
            return text != null ? text : number.toPlainString();
        }

        static int compare(Key a, Key b) {
            if (a == NULL || b == NULL) {
                return a == b ? 0 : a == NULL ? -1 : 1;
            }
            if (a.number != null && b.number != null) {
                return a.number.compareTo(b.number);
            }
            return Integer.signum(a.text().compareToIgnoreCase(b.text()));
        }
    }

    boolean matches(JsonNode entity) {
        for (List<Compiled> group : compiled) {
            if (group.isEmpty()) {
                continue;
            }
            boolean any = false;
            for (Compiled f : group) {
                if (f.filter().field() != null && matches(entity.get(f.filter().field()), f)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(JsonNode node, Compiled c) {
        boolean isNull = node == null || node.isNull() || node.isMissingNode();
        String condition = c.filter().conditionType();
        if (condition.equals("null")) {
            return isNull;
        }
        if (condition.equals("notnull")) {
            return !isNull;
        }
        if (isNull || c.operand() == null) {
            return false;
        }
        String value = c.operand();
        switch (condition) {
            case "neq":
                return compare(node, value) != 0;
            case "gt":
                return compare(node, value) > 0;
            case "gteq":
            case "moreq":
            case "from":
                return compare(node, value) >= 0;
            case "lt":
                return compare(node, value) < 0;
            case "lteq":
            case "to":
                return compare(node, value) <= 0;
            case "like":
                return c.like().matcher(Json.text(node)).matches();
            case "nlike":
                return !c.like().matcher(Json.text(node)).matches();
            case "in":
                return inList(node, value);
            case "nin":
                return !inList(node, value);
            case "finset":
                for (String part : Json.text(node).split(",")) {
                    if (part.equalsIgnoreCase(value)) {
                        return true;
                    }
                }
                return false;
            case "eq":
            default:
                return compare(node, value) == 0;
        }
    }

    private static boolean inList(JsonNode node, String value) {
        for (String part : value.split(",", -1)) {
            if (compare(node, node.isNumber() ? part.trim() : part) == 0) {
                return true;
            }
        }
        return false;
    }

    private static Pattern likePattern(String pattern) {
        StringBuilder regex = new StringBuilder(pattern.length() + 8);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    /**
     * Field value vs filter value. A JSON number or boolean stands for a numeric column (booleans are Magento's
     * SMALLINT flags such as a quote's {@code is_active}): MySQL compares it with the string converted to a number,
     * its leading numeric part or 0 ({@code "true"} and {@code "false"} both become 0). Anything else: text ignoring
     * case.
     */
    private static int compare(JsonNode node, String value) {
        if (node.isNumber()) {
            return node.decimalValue().compareTo(mysqlNumber(value));
        }
        if (node.isBoolean()) {
            return (node.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO).compareTo(mysqlNumber(value));
        }
        return compareText(Json.text(node), value);
    }

    /** MySQL's string-to-number conversion in a numeric comparison: the longest numeric prefix, else 0. */
    static BigDecimal mysqlNumber(String s) {
        BigDecimal exact = decimal(s);
        if (exact != null) {
            return exact;
        }
        String t = s.stripLeading();
        int i = 0;
        int n = t.length();
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        int digitsStart = i;
        while (i < n && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(t.charAt(i))) {
                i++;
            }
        }
        String prefix = t.substring(0, i);
        if (i == digitsStart || prefix.equals("+") || prefix.equals("-") || prefix.endsWith(".") && i - digitsStart == 1) {
            return BigDecimal.ZERO;
        }
        BigDecimal d = decimal(prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix);
        return d == null ? BigDecimal.ZERO : d;
    }

    private static int compareText(String a, String b) {
        return Integer.signum(a.compareToIgnoreCase(b));
    }

    private static BigDecimal decimal(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String normaliseDate(String value) {
        if (!ISO_DATE_TIME.matcher(value).matches()) {
            return value;
        }
        String v = value.replace('T', ' ');
        int dot = v.indexOf('.');
        int end = dot >= 0 ? dot : v.length();
        for (int i = 11; i < end; i++) {
            if (v.charAt(i) == 'Z' || v.charAt(i) == '+' || v.charAt(i) == '-') {
                end = i;
                break;
            }
        }
        v = v.substring(0, end);
        return v.length() == 16 ? v + ":00" : v;
    }

    // =================================================================== echo

    /** {@code search_criteria} as Magento echoes it (snake_case, null parts left out). */
    ObjectNode toJson() {
        ObjectNode sc = Json.object();
        ArrayNode fg = sc.putArray("filter_groups");
        for (List<Filter> group : groups) {
            ArrayNode filters = fg.addObject().putArray("filters");
            for (Filter f : group) {
                ObjectNode o = filters.addObject();
                if (f.field() != null) {
                    o.put("field", f.field());
                }
                if (f.value() != null) {
                    o.put("value", f.value());
                }
                o.put("condition_type", f.conditionType());
            }
        }
        if (!sorts.isEmpty()) {
            ArrayNode so = sc.putArray("sort_orders");
            for (Sort s : sorts) {
                ObjectNode o = so.addObject();
                if (s.field() != null) {
                    o.put("field", s.field());
                }
                o.put("direction", s.direction());
            }
        }
        if (pageSize != null) {
            sc.put("page_size", pageSize);
        }
        if (currentPage != null) {
            sc.put("current_page", currentPage);
        }
        return sc;
    }
}
