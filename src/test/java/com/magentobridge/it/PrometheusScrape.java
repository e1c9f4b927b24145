package com.magentobridge.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Prometheus text exposition (GET /actuator/prometheus) read into samples, to assert on one by name and labels. */
final class PrometheusScrape {

    record Sample(String name, Map<String, String> labels, double value) {
        boolean has(Map<String, String> wanted) {
            return wanted.entrySet().stream().allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
        }
    }

    private final List<Sample> samples;

    private PrometheusScrape(List<Sample> samples) {
        this.samples = samples;
    }

    static PrometheusScrape of(BridgeClient bridge) {
        BridgeClient.Reply reply = bridge.opsGet("/actuator/prometheus");
        if (reply.status() != 200) {
            throw new AssertionError("GET /actuator/prometheus answered " + reply.status() + ": " + reply.body());
        }
        return parse(reply.body());
    }

    static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                int end = readLabels(line, brace + 1, labels);
                space = line.indexOf(' ', end);
            } else {
                name = line.substring(0, line.indexOf(' '));
                space = line.indexOf(' ');
            }
            String value = line.substring(space + 1).trim().split(" ")[0];
            samples.add(new Sample(name, labels, Double.parseDouble(value)));
        }
        return new PrometheusScrape(samples);
    }

    /** Reads {@code k="v",...} up to the closing brace; answers the index after it. */
    private static int readLabels(String line, int at, Map<String, String> labels) {
        int i = at;
        while (line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            String key = line.substring(i, equals);
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            while (line.charAt(j) != '"') {
                if (line.charAt(j) == '\\') {
                    j++;
                }
                value.append(line.charAt(j));
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }

    List<Sample> samples(String name, Map<String, String> labels) {
        return samples.stream().filter(sample -> sample.name().equals(name) && sample.has(labels)).toList();
    }

    /** The one sample with this name and these labels (others may differ); fails when there is none or several. */
    double value(String name, Map<String, String> labels) {
        List<Sample> found = samples(name, labels);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples of " + name + " with " + labels + ": " + found);
        }
        return found.get(0).value();
    }

    /** bridge_messages_total of one flow and result. */
    double messages(String flow, String result) {
        return value("bridge_messages_total", Map.of("flow", flow, "result", result));
    }
}
