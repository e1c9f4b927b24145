package com.magentobridge.health;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.actuate.health.liveness.CamelLivenessStateHealthIndicator;
import org.springframework.boot.actuate.availability.LivenessStateHealthIndicator;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.magentobridge.backoffice.ConfiguredBackOfficeExporter;
import com.magentobridge.config.BridgeProperties;
import com.magentobridge.magento.MagentoClient;
import com.magentobridge.storage.DatabaseAvailability;
import com.magentobridge.storage.SqlDialect;

/**
 * The bridge's own health components ({@code magento}, {@code backOffice}, {@code db}) and Camel's liveness. Camel's
 * availability auto-configuration is excluded in application.yaml because its readiness indicator reports a flow
 * paused by ops (a suspended route) as OUT_OF_SERVICE, which would take the whole instance out of service although it
 * still receives and acknowledges; its liveness indicator is declared here instead. Which component counts for which probe
 * is in application.yaml ({@code management.endpoint.health.group.*}).
 * <p>
 * While the application starts, liveness is UP: Tomcat answers probes seconds before Camel has started, and Spring's
 * liveness state is only set once the application has started. Without this, both liveness components said DOWN
 * then, and Camel's logged a warning per probe that its context "is shutting down" (a context built but not started
 * yet has the status Stopped). A restart cannot make a start faster; readiness says OUT_OF_SERVICE until the
 * bridge receives (a start that hangs is the readiness or start-up probe's to catch).
 */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

    @Bean
    public MagentoHealthIndicator magentoHealthIndicator(MagentoClient client, BridgeProperties properties) {
        return new MagentoHealthIndicator(client, properties);
    }

    @Bean
    public BackOfficeHealthIndicator backOfficeHealthIndicator(ConfiguredBackOfficeExporter backOffice,
                                                               BridgeProperties properties) {
        return new BackOfficeHealthIndicator(backOffice, properties);
    }

    /**
     * {@code db}, in place of Spring's (named so, Spring's is not created): from memory while the database is known to
     * be down, so a readiness probe never waits for the pool then, and a probe that finds it down tells the rest of the
     * bridge. Not in liveness: restarting the bridge cannot bring the database back.
     */
    @Bean
    public DatabaseHealthIndicator dbHealthIndicator(DatabaseAvailability database, SqlDialect dialect) {
        return new DatabaseHealthIndicator(database, dialect.isPostgres() ? "PostgreSQL" : "H2");
    }

    /** Spring's liveness state once the application has started; UP while it starts. */
    @Bean
    public LivenessStateHealthIndicator livenessStateHealthIndicator(ApplicationAvailability availability) {
        return new LivenessStateHealthIndicator(availability) {
            @Override
            protected AvailabilityState getState(ApplicationAvailability applicationAvailability) {
                return starting(applicationAvailability) ? LivenessState.CORRECT : super.getState(applicationAvailability);
            }
        };
    }

    /**
     * Camel's liveness checks (the Camel context is started) once the application has started; UP while it starts,
     * without asking Camel (whose checks log a warning per failing probe).
     */
    @Bean
    public CamelLivenessStateHealthIndicator camelLivenessStateHealthIndicator(ApplicationAvailability availability,
                                                                               CamelContext camel) {
        return new CamelLivenessStateHealthIndicator(availability, camel) {
            @Override
            protected AvailabilityState getState(ApplicationAvailability applicationAvailability) {
                return starting(applicationAvailability) ? LivenessState.CORRECT : super.getState(applicationAvailability);
            }
        };
    }

    /** Spring publishes the liveness state once the application (Camel included) has started, never before. */
    static boolean starting(ApplicationAvailability availability) {
        return availability.getLastChangeEvent(LivenessState.class) == null;
    }
}
