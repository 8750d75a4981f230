package dev.runbook.parse;

import dev.runbook.diag.Diagnostics;
import dev.runbook.diag.SourceSpan;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads one YAML file into a node tree that keeps line and column for every element. Hostile
 * input is refused with a diagnostic, not a crash: files over {@link #MAX_BYTES}, alias
 * expansion bombs (aliases to collections are capped), and nesting deeper than
 * {@link #MAX_DEPTH}.
 */
public final class YamlSource {
    /** Runbooks are small; a file this large is a mistake or an attack. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    public static final int MAX_DEPTH = 64;
    static final int MAX_COLLECTION_ALIASES = 100;

    private YamlSource() {
    }

    /** The display name used in diagnostics: the path as the user gave it. */
    public static String label(Path file) {
        return file.toString();
    }

    /** Parses {@code file}; on any problem adds a diagnostic and returns empty. */
    public static Optional<Node> load(Path file, SourceSpan includedFrom, Diagnostics diags) {
        String label = label(file);
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                diags.error(includedFrom, "file '" + label + "' is " + size + " bytes; runbook files may be at most "
                        + MAX_BYTES + " bytes");
                return Optional.empty();
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            diags.error(includedFrom, "file '" + label + "' does not exist");
            return Optional.empty();
        } catch (MalformedInputException e) {
            diags.error(SourceSpan.of(label, 0, 0), "file '" + label + "' is not UTF-8 text");
            return Optional.empty();
        } catch (IOException e) {
            diags.error(includedFrom, "cannot read '" + label + "': " + e.getMessage());
            return Optional.empty();
        }
        return parse(label, text, diags);
    }

    /** Parses YAML text labelled {@code label} (a file name). */
    public static Optional<Node> parse(String label, String text, Diagnostics diags) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(label)
                .setAllowDuplicateKeys(true) // reported by NodeReader with both positions
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_BYTES)
                .setUseMarks(true)
                .build();
        try {
            Optional<Node> root = new Compose(settings).composeString(text);
            if (root.isPresent() && depth(root.get(), 0) > MAX_DEPTH) {
                diags.error(SourceSpan.of(label, 1, 1), "YAML is nested more than " + MAX_DEPTH
                        + " levels deep; a runbook never needs that");
                return Optional.empty();
            }
            if (root.isEmpty()) {
                diags.error(SourceSpan.of(label, 1, 1), "file is empty; expected a YAML document");
            }
            return root;
        } catch (MarkedYamlEngineException e) {
            diags.add(dev.runbook.diag.Diagnostic.error(span(label, e.getProblemMark()),
                    "invalid YAML: " + e.getProblem()));
            return Optional.empty();
        } catch (YamlEngineException e) {
            diags.error(SourceSpan.of(label, 1, 1), "invalid YAML: " + tidy(e.getMessage()));
            return Optional.empty();
        } catch (StackOverflowError e) {
            diags.error(SourceSpan.of(label, 1, 1), "YAML is nested too deeply; a runbook never needs that");
            return Optional.empty();
        }
    }

    private static String tidy(String message) {
        if (message == null) {
            return "unreadable";
        }
        if (message.contains("aliases for non-scalar")) {
            return "too many aliases to collections (more than " + MAX_COLLECTION_ALIASES
                    + "): refusing what looks like an alias expansion bomb";
        }
        return message.lines().findFirst().orElse(message);
    }

    private static SourceSpan span(String label, Optional<Mark> mark) {
        return mark.map(m -> SourceSpan.of(label, m.getLine() + 1, m.getColumn() + 1))
                .orElse(SourceSpan.of(label, 1, 1));
    }

    /** Height of the tree, memoised per node: aliases share nodes, and a bomb shares many. */
    private static int depth(Node node, int level) {
        return level + height(node, new java.util.IdentityHashMap<>());
    }

    private static int height(Node node, java.util.IdentityHashMap<Node, Integer> memo) {
        Integer known = memo.get(node);
        if (known != null) {
            return known;
        }
        memo.put(node, MAX_DEPTH + 1); // a recursive structure counts as too deep
        int max = 0;
        if (node instanceof org.snakeyaml.engine.v2.nodes.MappingNode m) {
            for (var t : m.getValue()) {
                max = Math.max(max, 1 + height(t.getValueNode(), memo));
            }
        } else if (node instanceof org.snakeyaml.engine.v2.nodes.SequenceNode s) {
            for (Node n : s.getValue()) {
                max = Math.max(max, 1 + height(n, memo));
            }
        }
        memo.put(node, max);
        return max;
    }
}
