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
            if (!notBlank(magento.getToken())) {
                problems.add("bridge.magento.token: not set (BRIDGE_MAGENTO_TOKEN): the integration token for Magento's "
                        + "REST API");
            }
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
