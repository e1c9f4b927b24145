package com.magentobridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The measurement reports (BENCHMARKS.md, RELIABILITY.md): each benchmark or suite owns a section between markers,
 * replaced on every run, and says on which machine and commit it ran.
 */
public final class BenchReport {

    private BenchReport() {
    }

    /** The CPU model as /proc/cpuinfo names it. */
    public static String cpu() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
    }

    /** A benchmark run: its section of the report. */
    @FunctionalInterface
    interface Run {
        String section() throws Exception;
    }

    /**
     * Runs a benchmark, prints its section and writes it into the report named by {@code args[0]} (BENCHMARKS.md by
     * default), closes what it started and exits: the simulators' and senders' threads would keep a failed run's JVM
     * alive.
     */
    static void runAndWrite(String[] args, String marker, Run run, AutoCloseable close) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "BENCHMARKS.md");
        int status = 1;
        try {
            String section = run.section();
            System.out.println(section);
            writeSection(report, marker, section);
            System.out.println("written to " + report.toAbsolutePath());
            status = 0;
        } finally {
            close.close();
            System.exit(status);
        }
    }

    /** The commit measured, as git names it ("+ local changes" when the work tree differs), or "unknown commit". */
    public static String commit() {
        String head = git("rev-parse", "--short=12", "HEAD");
        if (head == null) {
            return "unknown commit (not a git work tree)";
        }
        String changes = git("status", "--porcelain", "--untracked-files=no");
        return head + (changes == null || changes.isEmpty() ? "" : " + local changes");
    }

    private static String git(String... arguments) {
        try {
            String[] command = new String[arguments.length + 1];
            command[0] = "git";
            System.arraycopy(arguments, 0, command, 1, arguments.length);
            Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static void writeSection(Path report, String marker, String section) throws IOException {
        writeSection(report, "# Benchmarks", marker, section);
    }

    /** Replaces the section between the marker's comments, or appends it (the file starts with {@code title}). */
    public static void writeSection(Path report, String title, String marker, String section) throws IOException {
        String start = "<!-- " + marker + ":start -->";
        String end = "<!-- " + marker + ":end -->";
        String text = Files.exists(report) ? Files.readString(report, StandardCharsets.UTF_8) : title + "\n\n";
        String block = start + "\n" + section + end;
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        text = from >= 0 && to > from ? text.substring(0, from) + block + text.substring(to + end.length())
                : text + "\n" + block + "\n";
        Files.writeString(report, text, StandardCharsets.UTF_8);
    }

    /** Stops a benchmark's bridge (if started) and simulators, and removes its database files (if any). */
    static void stopAll(com.magentobridge.it.BridgeProcess bridge,
                        com.magentobridge.simulator.magento.MagentoSimulator magento,
                        com.magentobridge.simulator.backoffice.OrderFlowSimulator orderFlow, Path data)
            throws InterruptedException {
        if (bridge != null) {
            bridge.close();
        }
        magento.stop();
        orderFlow.stop();
        if (data != null) {
            org.springframework.util.FileSystemUtils.deleteRecursively(data.toFile());
        }
    }
}
