package com.magentobridge.storage;

import java.util.Properties;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.magentobridge.storage.NodeName;
import com.magentobridge.storage.SqlDialect;
import com.magentobridge.config.BridgeProperties;

/**
 * The scheduler behind the quartz: routes (order import and export polls). On an embedded H2 (one instance) it keeps
 * its schedule in memory. On PostgreSQL, where several instances may share the database, it is Quartz's clustered JDBC
 * job store: the instances agree through the qrtz_ tables and row locks, so each poll fires on one node per interval,
 * a stateful poll never overlaps itself across nodes, and the poll of a node that died is fired by another.
 */
@Configuration(proxyBeanMethods = false)
public class QuartzConfiguration {

    @Bean
    public SchedulerFactoryBeanCustomizer clusteredOnSharedDatabase(SqlDialect dialect, DataSource dataSource,
                                                                    PlatformTransactionManager transactionManager,
                                                                    NodeName node, BridgeProperties properties) {
        String cluster = properties.getCluster().getName();
        long checkin = properties.getCluster().getCheckinIntervalMs();
        return scheduler -> {
            Properties quartz = new Properties();
            quartz.setProperty("org.quartz.scheduler.instanceName", cluster);
            quartz.setProperty("org.quartz.scheduler.instanceId", node.value());
            quartz.setProperty("org.quartz.threadPool.threadCount", "4");
            if (dialect.isPostgres()) {
                scheduler.setDataSource(dataSource);
                scheduler.setTransactionManager(transactionManager);
                quartz.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
                quartz.setProperty("org.quartz.jobStore.isClustered", "true");
                // the trigger rows are read and claimed under the cluster lock: two nodes never fire the same poll
                quartz.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
                quartz.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkin));
                quartz.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
            }
            scheduler.setQuartzProperties(quartz);
            scheduler.setOverwriteExistingJobs(false);
        };
    }
}
