package com.magentobridge.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

import com.magentobridge.security.ErrorReplies;

/**
 * {@code GET /soap/{store}?wsdl&services=…} answers with the Magento-shaped WSDL of the service (CXF would
 * otherwise describe its generic payload endpoint), its namespace and address pointing at this bridge.
 */
public class WsdlFilter extends OncePerRequestFilter {

    private static final Pattern STORE = Pattern.compile("/soap/([A-Za-z0-9_]+)/?$");
    private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();
    private static final String SERVICES = "realtimeDespatchOrderFlowInventoryRequestManagementV1, "
            + "realtimeDespatchOrderFlowShipmentRequestManagementV1";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || request.getParameter("wsdl") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher store = STORE.matcher(request.getRequestURI());
        String services = request.getParameter("services");
        String service = services == null ? "" : services.split(",")[0].trim();
        String template = store.find() ? template(service) : null;
        if (template == null) {
            ErrorReplies.write(request, response, 404, "Requested service is not available: '" + service
                    + "'. Available: " + SERVICES);
            return;
        }
        String base = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        String serviceUrl = base + request.getContextPath() + "/soap/" + store.group(1) + "?services=" + service;
        byte[] body = template.replace("{{SERVICE_URL}}", HtmlUtils.htmlEscape(serviceUrl)).getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/xml; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String template(String service) {
        if (!service.matches("[A-Za-z0-9]+")) {
            return null;
        }
        return TEMPLATES.computeIfAbsent(service, name -> {
            try (InputStream in = WsdlFilter.class.getResourceAsStream("/wsdl/" + name + ".wsdl")) {
                return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }).transform(text -> text.isEmpty() ? null : text);
    }
}
