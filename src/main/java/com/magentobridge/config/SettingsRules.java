package com.magentobridge.config;

import static com.magentobridge.config.BridgeProperties.notBlank;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings that bind but cannot work together: a store or credentials missing for the chosen mode, mappings that
 * name unknown actions or leave an exported status unmapped. Each problem is one line, {@code <key.path>: <problem>},
 * with the environment variable ops would set.
 */
public final class SettingsRules {

    private static final String ACTIONS = "(use cancel, hold, unhold, comment or comment:<magento status>)";

    private SettingsRules() {
    }

    public static List<String> problems(BridgeProperties settings) {
        List<String> problems = new ArrayList<>();
        problems.addAll(credentialProblems(settings));
        problems.addAll(mappingProblems(settings));
        problems.addAll(retryProblems(settings));
        problems.addAll(productProblems(settings));
        BridgeProperties.Inventory inventory = settings.getInventory();
        if (inventory.getAdjustLevel() > 0 && !settings.getOrders().getImport().isEnabled()) {
            problems.add("bridge.inventory.adjust-level: level " + inventory.getAdjustLevel()
                    + " (BRIDGE_INVENTORY_ADJUST_LEVEL) subtracts orders not exported yet, which needs the order import "
                    + "(bridge.orders.import.enabled=true)");
        }
        return problems;
    }

    /** Product export settings that cannot work: each problem names its key. */
    static List<String> productProblems(BridgeProperties settings) {
        List<String> problems = new ArrayList<>();
        BridgeProperties.Products products = settings.getProducts();
        if (Boolean.TRUE.equals(products.getEnabled()) && !settings.getBackoffice().isConfigured()
                && !settings.getDemo().isEnabled()) {
            problems.add("bridge.products.enabled: true (BRIDGE_PRODUCTS_ENABLED) but no back office to export to: set "
                    + "BRIDGE_BACKOFFICE_BASE_URL (bridge.backoffice.base-url)");
        }
        for (String mandatory : List.of("externalReference", "description")) {
            if (!products.getFields().containsKey(mandatory)) {
                problems.add("bridge.products.fields." + mandatory + ": OrderFlow requires it; map it to a product "
                        + "attribute (default: " + BridgeProperties.Products.defaultFields().get(mandatory) + ")");
            }
        }
        products.getFields().forEach((key, attribute) -> {
            if (!key.matches("[A-Za-z][A-Za-z0-9_.]*")) {
                problems.add("bridge.products.fields." + key + ": not a back-office key (letters, digits, _ and .)");
            }
            if (!attribute.matches("[a-z][a-z0-9_]*")) {
                problems.add("bridge.products.fields." + key + ": '" + attribute + "' is not a Magento attribute code "
                        + "(lower-case letters, digits and _, e.g. name or color)");
            }
        });
        return problems;
    }

    /** Retry settings that cannot work: each problem names its key. */
    static List<String> retryProblems(BridgeProperties settings) {
        List<String> problems = new ArrayList<>();
        BridgeProperties.Retry retry = settings.getRetry();
        BridgeProperties.RetrySettings defaults = retry.getDefault();
        java.util.Map<String, Object> required = new java.util.LinkedHashMap<>();
        required.put("max-redeliveries", defaults.getMaxRedeliveries());
        required.put("initial-delay", defaults.getInitialDelay());
        required.put("multiplier", defaults.getMultiplier());
        required.put("max-delay", defaults.getMaxDelay());
        required.put("jitter", defaults.getJitter());
        required.put("transient-statuses", defaults.getTransientStatuses());
        required.forEach((key, value) -> {
            if (value == null) {
                problems.add("bridge.retry.default." + key + " is not set: every flow without its own value uses it");
            }
        });
        java.util.Map<String, BridgeProperties.RetrySettings> scopes = new java.util.LinkedHashMap<>();
        scopes.put("bridge.retry.default", defaults);
        BridgeProperties.Retry.FLOWS.forEach(flow -> scopes.put("bridge.retry.flows." + flow, retry.getFlows().of(flow)));
        scopes.forEach((scope, policy) -> {
            for (String key : new String[] {"initial-delay", "max-delay"}) {
                Duration delay = key.equals("initial-delay") ? policy.getInitialDelay() : policy.getMaxDelay();
                if (delay != null && delay.isNegative()) {
                    problems.add(scope + "." + key + ": " + delay + " is negative");
                }
            }
            java.util.List<Integer> retried = policy.getTransientStatuses() == null ? java.util.List.of()
                    : policy.getTransientStatuses();
            retried.stream().filter(status -> status != null && (status == 401 || status == 403)).distinct()
                    .forEach(status -> problems.add(scope + ".transient-statuses: " + status + " means the credentials "
                            + "were refused, which no retry changes; it is always parked at once"));
            if (policy.getPermanentStatuses() != null) {
                policy.getPermanentStatuses().stream().filter(retried::contains).distinct()
                        .forEach(status -> problems.add(scope + ": " + status
                                + " is listed in both transient-statuses and permanent-statuses"));
            }
        });
        return problems;
    }


    /**
     * Outside demo mode: the Magento store and its token, the back office's credentials (HTTP Basic and/or a token)
     * and the ops credentials. In any mode: a username needs its password, and a back office that is called
     * (base-url set) needs the HTTP Basic credentials BackOfficeHttp sends with every call, whatever its type.
     */
    static List<String> credentialProblems(BridgeProperties settings) {
        List<String> problems = new ArrayList<>();
        BridgeProperties.Magento magento = settings.getMagento();
        BridgeProperties.Inbound inbound = settings.getInbound();
        BridgeProperties.Ops ops = settings.getOps();
        boolean demo = settings.getDemo().isEnabled();
        pair(problems, "bridge.inbound", "BRIDGE_INBOUND", inbound.getUsername(), inbound.getPassword());
        pair(problems, "bridge.ops", "BRIDGE_OPS", ops.getUsername(), ops.getPassword());
        if (demo && notBlank(magento.getBaseUrl())) {
            problems.add("bridge.magento.base-url: must not be set in demo mode (BRIDGE_DEMO_ENABLED=true conflicts with "
                    + "BRIDGE_MAGENTO_BASE_URL): demo mode talks to the built-in simulator only; unset one of them");
        }
        if (!demo) {
            if (!notBlank(magento.getBaseUrl())) {
                problems.add("bridge.magento.base-url: not set (BRIDGE_MAGENTO_BASE_URL): the Magento store to write to");
            }
            problems.addAll(magentoAuthProblems(magento));
            if (!notBlank(inbound.getUsername()) && !notBlank(inbound.getPassword()) && !inbound.hasToken()) {
                problems.add("bridge.inbound.username: not set, nor bridge.inbound.token (BRIDGE_INBOUND_USERNAME and "
                        + "BRIDGE_INBOUND_PASSWORD, or BRIDGE_INBOUND_TOKEN): the back office's credentials");
            }
            if (!notBlank(ops.getUsername()) && !notBlank(ops.getPassword())) {
                problems.add("bridge.ops.username: not set (BRIDGE_OPS_USERNAME and BRIDGE_OPS_PASSWORD): the credentials "
                        + "for /ops");
            }
        }
        BridgeProperties.BackOffice backOffice = settings.getBackoffice();
        if (backOffice.isConfigured()) {
            if (!notBlank(backOffice.getUsername())) {
                problems.add("bridge.backoffice.username: not set (BRIDGE_BACKOFFICE_USERNAME): the back office at "
                        + "bridge.backoffice.base-url is called with HTTP Basic");
            }
            if (!notBlank(backOffice.getPassword())) {
                problems.add("bridge.backoffice.password: not set (BRIDGE_BACKOFFICE_PASSWORD): the back office at "
                        + "bridge.backoffice.base-url is called with HTTP Basic");
            }
        }
        return problems;
    }

    /**
     * Exactly one way to authenticate to Magento, complete: the integration's four OAuth 1.0a values, a bearer token,
     * or an admin's username and password. An empty value counts as unset (templated {@code BRIDGE_MAGENTO_TOKEN=}).
     */
    static List<String> magentoAuthProblems(BridgeProperties.Magento magento) {
        List<String> problems = new ArrayList<>();
        Map<BridgeProperties.MagentoAuthType, List<String>> setValues = new LinkedHashMap<>();
        Map<BridgeProperties.MagentoAuthType, List<String>> missingValues = new LinkedHashMap<>();
        Map<String, String> oauth1 = new LinkedHashMap<>();
        oauth1.put("BRIDGE_MAGENTO_CONSUMER_KEY", magento.getConsumerKey());
        oauth1.put("BRIDGE_MAGENTO_CONSUMER_SECRET", magento.getConsumerSecret());
        oauth1.put("BRIDGE_MAGENTO_ACCESS_TOKEN", magento.getAccessToken());
        oauth1.put("BRIDGE_MAGENTO_ACCESS_TOKEN_SECRET", magento.getAccessTokenSecret());
        Map<String, String> admin = new LinkedHashMap<>();
        admin.put("BRIDGE_MAGENTO_ADMIN_USERNAME", magento.getAdminUsername());
        admin.put("BRIDGE_MAGENTO_ADMIN_PASSWORD", magento.getAdminPassword());
        sort(oauth1, BridgeProperties.MagentoAuthType.OAUTH1, setValues, missingValues);
        sort(Map.of("BRIDGE_MAGENTO_TOKEN", magento.getToken() == null ? "" : magento.getToken()),
                BridgeProperties.MagentoAuthType.BEARER, setValues, missingValues);
        sort(admin, BridgeProperties.MagentoAuthType.ADMIN, setValues, missingValues);

        BridgeProperties.MagentoAuthType chosen = magento.getAuth().getType();
        if (chosen == null && setValues.isEmpty()) {
            problems.add("bridge.magento.auth.type: no Magento credentials set: set the integration's "
                    + "BRIDGE_MAGENTO_CONSUMER_KEY, BRIDGE_MAGENTO_CONSUMER_SECRET, BRIDGE_MAGENTO_ACCESS_TOKEN and "
                    + "BRIDGE_MAGENTO_ACCESS_TOKEN_SECRET (oauth1, what a current store needs), or BRIDGE_MAGENTO_TOKEN "
                    + "(bearer), or BRIDGE_MAGENTO_ADMIN_USERNAME and BRIDGE_MAGENTO_ADMIN_PASSWORD (admin)");
            return problems;
        }
        if (setValues.size() > 1) {
            problems.add("bridge.magento.auth.type: values of two modes are set at once ("
                    + setValues.entrySet().stream().map(e -> modeName(e.getKey()) + ": " + String.join(", ", e.getValue()))
                            .collect(java.util.stream.Collectors.joining("; "))
                    + "): unset the variables of every mode but one");
            return problems;
        }
        BridgeProperties.MagentoAuthType mode = chosen != null ? chosen : setValues.keySet().iterator().next();
        if (chosen != null && !setValues.isEmpty() && !setValues.containsKey(chosen)) {
            BridgeProperties.MagentoAuthType other = setValues.keySet().iterator().next();
            problems.add("bridge.magento.auth.type: " + modeName(chosen) + " (BRIDGE_MAGENTO_AUTH_TYPE) but the values "
                    + "set are " + modeName(other) + "'s (" + String.join(", ", setValues.get(other))
                    + "): set " + modeName(chosen) + "'s values and unset the others, or choose " + modeName(other));
            return problems;
        }
        List<String> missing = missingValues.getOrDefault(mode, List.of());
        if (!missing.isEmpty()) {
            problems.add("bridge.magento.auth.type: " + modeName(mode)
                    + (setValues.containsKey(mode) ? " is half set: " : " is chosen but ") + String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " not set"
                    + (mode == BridgeProperties.MagentoAuthType.OAUTH1
                            ? " (the integration's four values, from System > Extensions > Integrations)" : ""));
        }
        return problems;
    }

    private static void sort(Map<String, String> values, BridgeProperties.MagentoAuthType mode,
                             Map<BridgeProperties.MagentoAuthType, List<String>> set,
                             Map<BridgeProperties.MagentoAuthType, List<String>> missing) {
        values.forEach((variable, value) -> (notBlank(value) ? set : missing)
                .computeIfAbsent(mode, m -> new ArrayList<>()).add(variable));
    }

    private static String modeName(BridgeProperties.MagentoAuthType mode) {
        return mode.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void pair(List<String> problems, String key, String variable, String username, String password) {
        if (notBlank(username) != notBlank(password)) {
            String missing = notBlank(username) ? "password" : "username";
            String set = notBlank(username) ? "username" : "password";
            problems.add(key + "." + missing + ": not set while " + key + "." + set + " is (" + variable
                    + "_USERNAME and " + variable + "_PASSWORD must be set together)");
        }
    }

    /** Mappings that cannot work: each problem names its key. */
    static List<String> mappingProblems(BridgeProperties settings) {
        List<String> problems = new ArrayList<>();
        BridgeProperties.Mappings mappings = settings.getMappings();
        BridgeProperties.Export export = settings.getOrders().getExport();
        mappings.getBackOfficeStatuses().forEach((status, action) -> {
            if (!BridgeProperties.OrderAction.isValid(action)) {
                problems.add("bridge.mappings.back-office-statuses.[" + status + "]: unknown action '" + action + "' "
                        + ACTIONS);
            }
        });
        export.getStores().keySet().forEach(store -> {
            if (!store.matches("\\d+")) {
                problems.add("bridge.orders.export.stores." + store + ": store keys are Magento store ids (numbers)");
            }
        });
        if (export.isEnabled() && settings.getBackoffice().isConfigured()) {
            exportedStatuses(export).forEach((status, listedIn) -> {
                if (!mappings.getOrderStatuses().containsKey(status)) {
                    problems.add("bridge.mappings.order-statuses.[" + status + "]: missing: the status is exported ("
                            + listedIn + ") but has no back-office status");
                }
            });
        }
        mappings.getStores().keySet().forEach(store -> {
            if (!store.matches("\\d+")) {
                problems.add("bridge.mappings.stores." + store + ": store keys are Magento store ids (numbers)");
            }
        });
        mappings.getOrderStatuses().forEach((status, value) -> {
            if (value == null || value.isBlank()) {
                problems.add("bridge.mappings.order-statuses.[" + status + "]: empty");
            }
        });
        mappings.getPaymentMethods().forEach((method, value) -> {
            if (value == null || value.isBlank()) {
                problems.add("bridge.mappings.payment-methods.[" + method + "]: empty");
            }
        });
        return problems;
    }

    /** Every exported status, with the first key that lists it. */
    private static Map<String, String> exportedStatuses(BridgeProperties.Export export) {
        Map<String, String> exported = new LinkedHashMap<>();
        export.getStatuses().forEach(status -> exported.putIfAbsent(status, "bridge.orders.export.statuses"));
        export.getStores().forEach((store, rules) -> {
            if (rules.getStatuses() != null) {
                rules.getStatuses().forEach(status ->
                        exported.putIfAbsent(status, "bridge.orders.export.stores." + store + ".statuses"));
            }
        });
        return exported;
    }
}
