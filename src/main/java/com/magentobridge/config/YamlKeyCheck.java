package com.magentobridge.config;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a YAML configuration file as a tree (SnakeYAML's composer, nothing constructed) and names every key that is
 * written twice: twice in one mapping (Spring would refuse the file with SnakeYAML's bare "found duplicate key"), or
 * once nested and once dotted ({@code bridge.inventory.batch-size} beside {@code bridge: inventory: batch-size:}),
 * where one value would silently win. Each document of a multi-document file is checked on its own: profiles may set
 * a key again.
 */
public final class YamlKeyCheck {

    private YamlKeyCheck() {
    }

    /** One line per duplicate key ({@code <key.path>: duplicate key (<file> line N, first at line M)}), or why the file is not YAML. */
    public static List<String> problems(Reader yaml, String fileName) {
        LoaderOptions options = new LoaderOptions();
        // as Spring reads configuration files, so a file Spring accepts is read here too
        options.setMaxAliasesForCollections(Integer.MAX_VALUE);
        options.setAllowRecursiveKeys(true);
        options.setCodePointLimit(Integer.MAX_VALUE);
        List<String> problems = new ArrayList<>();
        try {
            for (Node document : new Yaml(options).composeAll(yaml)) {
                new Walk(fileName, problems).mapping(document, "");
            }
        } catch (MarkedYAMLException e) {
            problems.add(fileName + ": not valid YAML (line " + (e.getProblemMark().getLine() + 1) + ", column "
                    + (e.getProblemMark().getColumn() + 1) + "): " + e.getProblem());
        }
        return problems;
    }

    /** One document: the leaf keys seen so far, by their dotted path. */
    private static final class Walk {
        private final String fileName;
        private final List<String> problems;
        private final Map<String, Integer> leaves = new HashMap<>();
        private final Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());

        Walk(String fileName, List<String> problems) {
            this.fileName = fileName;
            this.problems = problems;
        }

        void mapping(Node node, String path) {
            if (!(node instanceof MappingNode mapping) || !visited.add(node)) {
                return;
            }
            Map<String, Integer> keys = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                    continue;
                }
                String key = keyNode.getValue();
                int line = keyNode.getStartMark().getLine() + 1;
                String keyPath = path.isEmpty() ? key : path + "." + key;
                Integer first = keys.putIfAbsent(key, line);
                if (first != null) {
                    duplicate(keyPath, line, first);
                    continue;
                }
                Node value = tuple.getValueNode();
                if (value instanceof MappingNode) {
                    mapping(value, keyPath);
                } else {
                    leaf(keyPath, line);
                    if (value instanceof SequenceNode sequence && visited.add(sequence)) {
                        for (int i = 0; i < sequence.getValue().size(); i++) {
                            mapping(sequence.getValue().get(i), keyPath + "[" + i + "]");
                        }
                    }
                }
            }
        }

        private void leaf(String keyPath, int line) {
            Integer first = leaves.putIfAbsent(keyPath, line);
            if (first != null) {
                duplicate(keyPath, line, first);
            }
        }

        private void duplicate(String keyPath, int line, int first) {
            problems.add(keyPath + ": duplicate key (" + fileName + " line " + line + ", first at line " + first + ")");
        }
    }
}
