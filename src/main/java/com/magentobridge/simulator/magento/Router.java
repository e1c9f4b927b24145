package com.magentobridge.simulator.magento;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Small route table: HTTP method + path pattern (relative to {@code /rest[/storeCode]}, e.g.
 * {@code /V1/products/{sku}/stockItems/{itemId}}) mapped to a handler and the ACL resource Magento checks for it.
 * Literal segments match case-sensitively; {@code {name}} matches exactly one (decoded) segment.
 * Routes are tried in registration order, so register literal routes before overlapping parameter routes.
 */
final class Router {

    /** ACL marker for routes open to everybody (like Magento's {@code <resource ref="anonymous"/>}). */
    static final String ANONYMOUS = "anonymous";

    record Route(String method, String pattern, String[] parts, String aclResource, RouteHandler handler) {
        boolean anonymous() {
            return ANONYMOUS.equals(aclResource);
        }

        boolean isWrite() {
            return !"GET".equals(method) && !"HEAD".equals(method);
        }
    }

    record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    void add(String method, String pattern, String aclResource, RouteHandler handler) {
        String p = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        routes.add(new Route(method, pattern, p.split("/"), aclResource, handler));
    }

    /** Finds the route for a method and the decoded segments after {@code /rest[/storeCode]}; null if none. */
    Match match(String method, List<String> segments) {
        for (Route r : routes) {
            if (!r.method.equals(method) || r.parts.length != segments.size()) {
                continue;
            }
            Map<String, String> params = null;
            boolean ok = true;
            for (int i = 0; i < r.parts.length; i++) {
                String part = r.parts[i];
                String seg = segments.get(i);
                if (part.length() > 2 && part.charAt(0) == '{' && part.charAt(part.length() - 1) == '}') {
                    if (seg.isEmpty()) {
                        ok = false;
                        break;
                    }
                    if (params == null) {
                        params = new HashMap<>(4);
                    }
                    params.put(part.substring(1, part.length() - 1), seg);
                } else if (!part.equals(seg)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return new Match(r, params == null ? Collections.emptyMap() : params);
            }
        }
        return null;
    }

    List<Route> routes() {
        return new ArrayList<>(routes);
    }
}
