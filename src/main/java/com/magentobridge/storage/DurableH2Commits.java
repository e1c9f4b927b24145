package com.magentobridge.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * "Ack only what is durable" on any H2 URL: H2 keeps a commit in memory for up to WRITE_DELAY (500 ms by default)
 * before writing it to the file, so a {@code kill -9} right after an acknowledgement could lose the message. Every
 * pooled connection to a file (or server) H2 database sets {@code WRITE_DELAY 0} itself, whatever the URL says, and
 * start-up checks that the database took it; a database that refuses is refused with the fix named.
 */
@Component
public class DurableH2Commits implements BeanPostProcessor {

    static final String SET_WRITE_DELAY = "SET WRITE_DELAY 0";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource && keepsFiles(dataSource.getJdbcUrl())) {
            String init = dataSource.getConnectionInitSql();
            dataSource.setConnectionInitSql(init == null || init.isBlank() ? SET_WRITE_DELAY : init + "; " + SET_WRITE_DELAY);
            requireDurable(dataSource);
        }
        return bean;
    }

    /** An H2 database whose commits must reach a file: everything but {@code jdbc:h2:mem:}. */
    static boolean keepsFiles(String jdbcUrl) {
        if (jdbcUrl == null) {
            return false;
        }
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
    }

    private static void requireDurable(HikariDataSource dataSource) {
        String where = withoutSettings(dataSource.getJdbcUrl());
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            String writeDelay = setting.next() ? setting.getString(1) : null;
            if (!"0".equals(writeDelay)) {
                throw new UnsafeDatabaseException("the H2 database " + where + " writes commits to its file only after "
                        + writeDelay + " ms, so an acknowledged message could be lost in a crash",
                        "Connect as the database's admin user (it may set WRITE_DELAY), or use PostgreSQL.");
            }
        } catch (SQLException | RuntimeException e) {
            if (e instanceof UnsafeDatabaseException unsafe) {
                throw unsafe;
            }
            throw new UnsafeDatabaseException("the bridge could not make commits to the H2 database " + where
                    + " durable (" + SET_WRITE_DELAY + " on every connection): " + DatabaseAvailability.describe(e),
                    "Check SPRING_DATASOURCE_URL and the database user: the user must be the database's admin "
                            + "(H2 lets only an admin set WRITE_DELAY), and no other process may hold the file.");
        }
    }

    /** The URL up to its settings ({@code ;} for H2, {@code ?} for PostgreSQL), which may carry a password. */
    static String withoutSettings(String jdbcUrl) {
        int end = jdbcUrl.length();
        for (char separator : new char[] {';', '?'}) {
            int at = jdbcUrl.indexOf(separator);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return jdbcUrl.substring(0, end);
    }
}
