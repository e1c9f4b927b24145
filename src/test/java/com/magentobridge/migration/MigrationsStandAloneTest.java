package com.magentobridge.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Migrations never change once shipped, so none may lean on application code that does: a Java migration that called
 * a live class would silently do something else on the next fresh or upgrading database once that class changed.
 * Java migrations carry their own code and use only the JDK (JDBC included), Flyway's API and Jackson's streaming core.
 */
class MigrationsStandAloneTest {

    private static final Path JAVA_MIGRATIONS = Path.of("src/main/java/db/migration");
    private static final Path SQL_MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final String PROJECT = "com.magentobridge";
    private static final List<String> ALLOWED_IMPORTS = List.of("java.", "javax.sql.", "org.flywaydb.core.api.",
            "com.fasterxml.jackson.core.");

    @Test
    void noMigrationSourceNamesAProjectClass() throws IOException {
        List<Path> sources = files(JAVA_MIGRATIONS, ".java");
        assertThat(sources).as("Java migrations under %s", JAVA_MIGRATIONS.toAbsolutePath())
                .contains(JAVA_MIGRATIONS.resolve("V13__Packed_inventory_results.java"));
        List<Path> scripts = files(SQL_MIGRATIONS, ".sql");
        assertThat(scripts).as("SQL migrations under %s", SQL_MIGRATIONS.toAbsolutePath()).isNotEmpty();

        List<String> offences = new ArrayList<>();
        for (Path file : Stream.concat(sources.stream(), scripts.stream()).toList()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(PROJECT)) {
                    offences.add(file + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertThat(offences).as("migrations must carry their own code, not use the application's (%s)", PROJECT).isEmpty();
    }

    @Test
    void javaMigrationsImportOnlyTheJdkFlywayAndJacksonCore() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path source : files(JAVA_MIGRATIONS, ".java")) {
            List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.startsWith("import ")) {
                    String imported = line.substring("import ".length()).replaceFirst("^static\\s+", "");
                    if (ALLOWED_IMPORTS.stream().noneMatch(imported::startsWith)) {
                        offences.add(source + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }
        assertThat(offences).as("imports outside %s (a new dependency of a migration must be one that never changes"
                + " what the migration does)", ALLOWED_IMPORTS).isEmpty();
    }

    /** The compiled classes too (nested ones included), in case a reference comes without an import. */
    @Test
    void noCompiledMigrationClassReferencesAProjectClass() throws IOException, URISyntaxException {
        URL v13 = getClass().getClassLoader().getResource("db/migration/V13__Packed_inventory_results.class");
        assertThat(v13).as("V13 compiled on the test classpath").isNotNull();
        Path compiled = Path.of(v13.toURI()).getParent();
        List<Path> classes = files(compiled, ".class");
        String projectPath = PROJECT.replace('.', '/') + "/";

        List<String> offences = new ArrayList<>();
        for (Path classFile : classes) {
            // Class names sit in the constant pool as (modified) UTF-8; an ASCII name appears byte for byte.
            if (new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(projectPath)) {
                offences.add(classFile.toString());
            }
        }
        assertThat(offences).as("compiled migrations referring to %s", projectPath).isEmpty();
    }

    private static List<Path> files(Path directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
