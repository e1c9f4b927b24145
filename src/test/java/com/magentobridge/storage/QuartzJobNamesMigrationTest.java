package com.magentobridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** V15: the polls' Quartz jobs of the old names go from a clustered store; the jobs named after the flows stay. */
class QuartzJobNamesMigrationTest {

    @Test
    void theOldImportAndExportJobsAreRemovedAndTheFlowNamedOnesKept() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:quartz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("14").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (String[] job : new String[][] {{"orders", "import"}, {"orders", "export"}, {"flows", "orders-import"}}) {
            jdbc.update("""
                    INSERT INTO qrtz_job_details (sched_name, job_name, job_group, job_class_name, is_durable,
                                                  is_nonconcurrent, is_update_data, requests_recovery)
                    VALUES ('magento-bridge', ?, ?, 'org.apache.camel.component.quartz.StatefulCamelJob', FALSE, TRUE,
                            TRUE, FALSE)""", job[1], job[0]);
            jdbc.update("""
                    INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, trigger_state,
                                               trigger_type, start_time)
                    VALUES ('magento-bridge', ?, ?, ?, ?, 'WAITING', 'CRON', 0)""", job[1], job[0], job[1], job[0]);
            jdbc.update("""
                    INSERT INTO qrtz_cron_triggers (sched_name, trigger_name, trigger_group, cron_expression)
                    VALUES ('magento-bridge', ?, ?, '0 * * * * ?')""", job[1], job[0]);
        }

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("15").load().migrate();

        assertThat(jdbc.queryForList("SELECT job_group || '.' || job_name FROM qrtz_job_details", String.class))
                .containsExactly("flows.orders-import");
        assertThat(jdbc.queryForList("SELECT trigger_group || '.' || trigger_name FROM qrtz_triggers", String.class))
                .containsExactly("flows.orders-import");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM qrtz_cron_triggers", Integer.class)).isEqualTo(1);
        jdbc.execute("SHUTDOWN");
    }
}
