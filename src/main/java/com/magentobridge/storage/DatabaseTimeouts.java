package com.magentobridge.storage;

import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Nothing waits long for a database that does not answer ({@code bridge.inbound.store-timeout}, 2 s by default): the
 * pool's wait for a connection (Hikari's {@code connection-timeout}, 30 s by default, which held every call of a
 * PostgreSQL outage for 30 s) and the check of an idle connection before it is handed out ({@code validation-timeout},
 * half of it) are set from it; on PostgreSQL so are the driver's {@code connectTimeout} and {@code loginTimeout}, so
 * the pool's attempts to reconnect end as soon (a value in the URL wins: the driver reads the URL last). No
 * {@code socketTimeout} for every statement: a batch waits for its SKU locks ({@code pg_advisory_lock}) as long as
 * another node holds them, and migrations and retention may run long; the receipt bounds its own reads instead
 * ({@link DatabaseAvailability#boundCurrentTransaction}). H2 gets none of the driver settings (it would refuse them in
 * its URL, and embedded it has no network).
 * <p>
 * The setting applies to the whole pool: a processing run also gives up after it, and runs again.
 */
@Component
public class DatabaseTimeouts implements BeanPostProcessor, EnvironmentAware {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseTimeouts.class);

    static final String KEY = "bridge.inbound.store-timeout";
    static final String POOL_KEY = "spring.datasource.hikari.connection-timeout";
    static final Duration DEFAULT = Duration.ofSeconds(2);
    /** Hikari's smallest connection and validation timeout. */
    private static final long HIKARI_FLOOR_MS = 250;

    private Duration storeTimeout = DEFAULT;
    private boolean poolTimeoutSet;

    @Override
    public void setEnvironment(Environment environment) {
        storeTimeout = read(environment);
        poolTimeoutSet = environment.containsProperty(POOL_KEY);
    }

    /** The setting as start-up binds it; a value that does not bind keeps the default (the configuration check refuses it). */
    static Duration read(Environment environment) {
        try {
            Duration value = Binder.get(environment).bind(KEY, Duration.class).orElse(DEFAULT);
            return value.toMillis() < HIKARI_FLOOR_MS ? DEFAULT : value;
        } catch (RuntimeException invalid) {
            return DEFAULT;
        }
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource) {
            apply(dataSource, storeTimeout, poolTimeoutSet);
        }
        return bean;
    }

    /** Sets the pool's (and on PostgreSQL the driver's) timeouts from the store timeout, before the pool starts. */
    static void apply(HikariDataSource dataSource, Duration storeTimeout, boolean poolTimeoutSet) {
        long millis = storeTimeout.toMillis();
        if (poolTimeoutSet && dataSource.getConnectionTimeout() != millis) {
            LOG.warn("{} ({} ms) is replaced by {} ({}): the bridge bounds the pool's wait with its own setting", POOL_KEY,
                    dataSource.getConnectionTimeout(), KEY, storeTimeout);
        }
        dataSource.setConnectionTimeout(millis);
        dataSource.setValidationTimeout(Math.min(dataSource.getValidationTimeout(), Math.max(HIKARI_FLOOR_MS, millis / 2)));
        if (isPostgres(dataSource.getJdbcUrl())) {
            String seconds = Long.toString(Math.max(1, (millis + 999) / 1000));
            Properties driver = dataSource.getDataSourceProperties();
            driver.putIfAbsent("connectTimeout", seconds);
            driver.putIfAbsent("loginTimeout", seconds);
        }
    }

    static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
    }
}
