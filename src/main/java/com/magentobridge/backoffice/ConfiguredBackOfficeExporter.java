package com.magentobridge.backoffice;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.magentobridge.backoffice.json.JsonOrderExporter;
import com.magentobridge.backoffice.orderflow.OrderFlowExporter;
import com.magentobridge.config.BridgeProperties;
import com.magentobridge.retry.TransientStatuses;

/**
 * The adapter chosen by BRIDGE_BACKOFFICE_TYPE, built on first use from the settings as they are then (demo mode
 * points them at its simulator while the application starts). Without BRIDGE_BACKOFFICE_BASE_URL there is nothing to
 * export to: {@link #type()} is "none" and the export batches claim nothing.
 */
public class ConfiguredBackOfficeExporter implements BackOfficeExporter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredBackOfficeExporter.class);

    private final BridgeProperties.BackOffice settings;
    private final TransientStatuses transientStatuses;
    private final MeterRegistry meters;
    private BackOfficeExporter delegate;
    private boolean warned;

    public ConfiguredBackOfficeExporter(BridgeProperties properties, TransientStatuses transientStatuses,
                                        MeterRegistry meters) {
        this.settings = properties.getBackoffice();
        this.transientStatuses = transientStatuses;
        this.meters = meters;
    }

    /** Whether a back office is configured at all (BRIDGE_BACKOFFICE_BASE_URL). */
    public boolean configured() {
        return settings.isConfigured();
    }

    @Override
    public BackOfficeHttp.Probe probe() {
        return delegate().probe();
    }

    @Override
    public ExportReport export(List<ExportItem> items) {
        return delegate().export(items);
    }

    @Override
    public ExportReport exportProducts(List<ProductItem> items) {
        return delegate().exportProducts(items);
    }

    @Override
    public boolean supportsStatusUpdates() {
        return settings.isConfigured() && delegate().supportsStatusUpdates();
    }

    @Override
    public ExportReport updateStatuses(List<ExportItem> items) {
        return delegate().updateStatuses(items);
    }

    @Override
    public synchronized String type() {
        if (!settings.isConfigured()) {
            if (!warned) {
                LOG.warn("BRIDGE_BACKOFFICE_BASE_URL is not set: orders are imported into the ledger but not exported");
                warned = true;
            }
            return "none";
        }
        return delegate().type();
    }

    private synchronized BackOfficeExporter delegate() {
        if (delegate == null) {
            if (!settings.isConfigured()) {
                throw new BackOfficeRejectedException("BRIDGE_BACKOFFICE_BASE_URL (bridge.backoffice.base-url) is not set");
            }
            delegate = switch (settings.getType()) {
                case ORDERFLOW -> new OrderFlowExporter(settings.getBaseUrl(), settings.getUsername(),
                        settings.getPassword(), settings.getConnectTimeout(), settings.getReadTimeout(), transientStatuses,
                        meters);
                case JSON -> new JsonOrderExporter(settings.getBaseUrl(), settings.getUsername(),
                        settings.getPassword(), settings.getConnectTimeout(), settings.getReadTimeout(), transientStatuses,
                        meters);
            };
        }
        return delegate;
    }

    @Override
    public synchronized void close() throws Exception {
        if (delegate instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
