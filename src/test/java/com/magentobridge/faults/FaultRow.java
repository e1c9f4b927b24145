package com.magentobridge.faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The figures of one fault: a row of RELIABILITY.md's table, what the fault was (its paragraph below the table), and
 * what breaks a must-be-zero figure or a bound (the suite fails on any, after writing the table).
 */
final class FaultRow {

    /** Liveness must answer UP within this, always (an orchestrator's probe timeout). */
    static final long LIVENESS_BOUND_MS = 1_000;

    final String fault;
    String setUp = "";
    int acknowledged;
    final List<String> lost = new ArrayList<>();
    final List<String> olderAfterNewer = new ArrayList<>();
    final List<String> duplicates = new ArrayList<>();
    String recovery = "—";
    String answers = "—";
    String liveness = "—";
    String readiness = "—";
    final List<String> notes = new ArrayList<>();
    final List<String> breaches = new ArrayList<>();

    FaultRow(String fault) {
        this.fault = fault;
    }

    /** The answers' p99 and max (answered calls only) and how many calls got no answer, over these attempts. */
    static String answers(List<Traffic.Attempt> attempts) {
        long[] millis = attempts.stream().filter(Traffic.Attempt::answered).mapToLong(Traffic.Attempt::millis).sorted()
                .toArray();
        long unanswered = attempts.stream().filter(a -> !a.answered()).count();
        if (millis.length == 0) {
            return "no answer (" + unanswered + " calls)";
        }
        return String.format("p50 %d ms, p99 %d ms, max %d ms (%d answers%s)", percentile(millis, 50),
                percentile(millis, 99), millis[millis.length - 1], millis.length, unanswered == 0 ? "" : ", " + unanswered + " without");
    }

    static long percentile(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Liveness over these probes: count, max, how many were not 200 UP; a breach if any was not, or took ≥ 1 s. */
    void liveness(List<Probes.Probe> probes) {
        List<Probes.Probe> live = Probes.snapshot(probes).stream().filter(p -> p.group().equals("liveness")).toList();
        long max = live.stream().mapToLong(Probes.Probe::millis).max().orElse(0);
        List<Probes.Probe> down = live.stream().filter(p -> !p.up()).toList();
        liveness = live.size() + " probes, max " + max + " ms, " + down.size() + " not 200 UP";
        if (max >= LIVENESS_BOUND_MS) {
            breaches.add("liveness took " + max + " ms (bound " + LIVENESS_BOUND_MS + " ms)");
        }
        if (!down.isEmpty()) {
            breaches.add(down.size() + " liveness probes not 200 UP, e.g. " + down.get(0));
        }
    }

    void note(String... lines) {
        notes.addAll(Arrays.asList(lines));
    }

    /** The must-be-zero figures become breaches here, named with their first examples. */
    List<String> breaches() {
        List<String> all = new ArrayList<>(breaches);
        check(all, "lost", lost);
        check(all, "older-after-newer writes", olderAfterNewer);
        check(all, "duplicates", duplicates);
        return all;
    }

    private void check(List<String> all, String what, List<String> found) {
        if (!found.isEmpty()) {
            all.add(found.size() + " " + what + ": " + String.join("; ", found.subList(0, Math.min(10, found.size())))
                    + (found.size() > 10 ? "; …" : ""));
        }
    }

    String tableRow() {
        return "| " + fault + " | " + acknowledged + " | " + zero(lost) + " | " + zero(olderAfterNewer) + " | "
                + zero(duplicates) + " | " + recovery + " | " + answers + " | " + liveness + " | " + readiness + " |\n";
    }

    private static String zero(List<String> found) {
        return found.isEmpty() ? "0" : "**" + found.size() + "**";
    }

    static String tableHeader() {
        return "| fault | messages acknowledged | lost | older after newer | duplicates applied | time to recover "
                + "| answers during the fault | liveness | readiness during the DB outage |\n"
                + "|---|---|---|---|---|---|---|---|---|\n";
    }

    String paragraph() {
        StringBuilder text = new StringBuilder("**" + fault + ".** " + setUp);
        for (String note : notes) {
            text.append(' ').append(note);
        }
        List<String> breached = breaches();
        if (!breached.isEmpty()) {
            text.append(" **Breached:** ").append(String.join(" / ", breached)).append('.');
        }
        return text.append("\n\n").toString();
    }
}
