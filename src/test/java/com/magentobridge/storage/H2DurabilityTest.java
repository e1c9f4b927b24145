package com.magentobridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import com.zaxxer.hikari.HikariDataSource;

/**
 * "Ack only what is durable" on the embedded default: a process using the H2 URL shipped in application.yaml (which
 * carries no WRITE_DELAY setting) through a pool the bridge's {@link DurableH2Commits} prepared commits rows one by one
 * and reports each commit (as the bridge acknowledges after commit); it is killed with SIGKILL mid-stream; every commit
 * it reported must be in the file afterwards.
 */
class H2DurabilityTest {

    @TempDir
    Path dir;

    @Test
    void everyReportedCommitSurvivesKillMinusNine() throws Exception {
        String url = shippedH2Url().replace("./data/magento-bridge", dir.resolve("bridge").toString());
        assertThat(url).as("the shipped URL relies on no flag").doesNotContain("WRITE_DELAY");

        Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommittingWriter.class.getName(), url)
                .redirectErrorStream(true).start();
        long lastReported = 0;
        StringBuilder otherOutput = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!line.startsWith("committed ") && otherOutput.length() < 4000) {
                    otherOutput.append(line).append('\n');
                } else if (line.startsWith("committed ")) {
                    lastReported = Long.parseLong(line.substring(10));
                    if (lastReported >= 200) {
                        break;
                    }
                }
            }
        }
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(lastReported).as("commits reported by the writer; its other output:%n%s", otherOutput)
                .isGreaterThanOrEqualTo(200);

        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*), MAX(id) FROM acked")) {
            rows.next();
            assertThat(rows.getLong(2)).as("highest acknowledged id on disk").isGreaterThanOrEqualTo(lastReported);
            assertThat(rows.getLong(1)).isEqualTo(rows.getLong(2));
        }
    }

    @SuppressWarnings("unchecked")
    private static String shippedH2Url() throws Exception {
        Map<String, Object> config = new Yaml().load(Files.readString(Path.of("application.yaml")));
        Map<String, Object> spring = (Map<String, Object>) config.get("spring");
        Map<String, Object> datasource = (Map<String, Object>) spring.get("datasource");
        return (String) datasource.get("url");
    }

    /** The child process: commit, then say so, as fast as it can until it is killed. */
    public static final class CommittingWriter {
        public static void main(String[] args) throws Exception {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(args[0]);
            pool.setUsername("sa");
            pool.setPassword("");
            new DurableH2Commits().postProcessAfterInitialization(pool, "dataSource");
            try (Connection connection = pool.getConnection()) {
                connection.createStatement().execute("CREATE TABLE acked (id BIGINT PRIMARY KEY, body VARCHAR(200))");
                connection.setAutoCommit(false);
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO acked VALUES (?, ?)")) {
                    for (long id = 1; ; id++) {
                        insert.setLong(1, id);
                        insert.setString(2, "message " + id);
                        insert.executeUpdate();
                        connection.commit();
                        System.out.println("committed " + id);
                        System.out.flush();
                    }
                }
            }
        }
    }

}
