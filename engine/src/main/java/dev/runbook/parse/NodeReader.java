package dev.runbook.parse;

import dev.runbook.diag.Diagnostic;
import dev.runbook.diag.Diagnostics;
import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.Suggestions;
import dev.runbook.diag.UserInputException;
import dev.runbook.template.jinja.Lookups;
import dev.runbook.vault.Vault;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads typed values out of YAML nodes for one file, adding a diagnostic (with file:line:col)
 * for every problem and going on, so the user sees every error in one pass.
 */
final class NodeReader {
    /** Upper bound on values built from one file, so shared (aliased) nodes cannot explode. */
    static final int MAX_VALUES = 200_000;

    private static final Tag VAULT = new Tag("!vault");
    private static final java.util.regex.Pattern LOOKUP = java.util.regex.Pattern.compile(
            "\\b(?:lookup|query|q)\\(\\s*['\"]([\\w.]+)['\"]");

    private final String file;
    private final Diagnostics diags;
    private int budget = MAX_VALUES;
    private boolean budgetReported;

    private final Vault vault;

    NodeReader(String file, Diagnostics diags) {
        this(file, diags, Vault.deferred());
    }

    NodeReader(String file, Diagnostics diags, Vault vault) {
        this.file = file;
        this.diags = diags;
        this.vault = vault;
    }

    String file() {
        return file;
    }

    Diagnostics diags() {
        return diags;
    }

    SourceSpan span(Node n) {
        return n.getStartMark().map(m -> SourceSpan.of(file, m.getLine() + 1, m.getColumn() + 1))
                .orElse(SourceSpan.of(file, 0, 0));
    }

    void error(Node n, String summary) {
        diags.error(span(n), summary);
    }

    void error(Node n, String summary, String suggestion) {
        diags.add(Diagnostic.error(span(n), summary).withSuggestion(suggestion));
    }

    /** A mapping's entries by key, in file order; duplicate and non-string keys are reported. */
    Optional<Map<String, NodeTuple>> mapping(Node n, String what) {
        if (!(n instanceof MappingNode m)) {
            error(n, what + " must be a map, not " + describe(n));
            return Optional.empty();
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks)) {
                error(k, "keys in " + what + " must be plain names, not " + describe(k));
                continue;
            }
            String key = ks.getValue();
            NodeTuple first = out.get(key);
            if (first != null) {
                error(k, "duplicate key '" + key + "' in " + what + " (first given at line "
                        + span(first.getKeyNode()).line() + ")", "remove one of them");
                continue;
            }
            out.put(key, t);
        }
        return Optional.of(out);
    }

    /** Reports keys not in {@code allowed}, with a suggestion from {@code allowed}. */
    void unknownKeys(Map<String, NodeTuple> entries, Collection<String> allowed, String where) {
        for (var e : entries.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                error(e.getValue().getKeyNode(), "unknown field '" + e.getKey() + "' in " + where,
                        Suggestions.didYouMean(e.getKey(), allowed));
            }
        }
    }

    Optional<String> string(Node n, String what) {
        if (n instanceof ScalarNode s && !isNull(s)) {
            checkLookups(s);
            return Optional.of(s.getValue());
        }
        error(n, what + " must be a string, not " + describe(n));
        return Optional.empty();
    }

    Optional<Boolean> bool(Node n, String what) {
        if (n instanceof ScalarNode s) {
            switch (s.getValue().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "on" -> {
                    return Optional.of(true);
                }
                case "false", "no", "off" -> {
                    return Optional.of(false);
                }
                default -> { }
            }
        }
        error(n, what + " must be true or false, not " + describe(n));
        return Optional.empty();
    }

    Optional<Integer> integer(Node n, String what, int min, int max) {
        if (n instanceof ScalarNode s && Tag.INT.equals(s.getTag())) {
            try {
                int v = Integer.parseInt(s.getValue().replace("_", ""));
                if (v >= min && v <= max) {
                    return Optional.of(v);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            error(n, what + " must be between " + min + " and " + max + ", not " + s.getValue());
            return Optional.empty();
        }
        error(n, what + " must be a whole number, not " + describe(n));
        return Optional.empty();
    }

    /** A string or a list of strings. */
    Optional<List<String>> strings(Node n, String what) {
        if (n instanceof ScalarNode s && !isNull(s)) {
            return Optional.of(List.of(s.getValue()));
        }
        if (n instanceof SequenceNode seq) {
            List<String> out = new ArrayList<>();
            boolean ok = true;
            for (Node item : seq.getValue()) {
                Optional<String> v = string(item, "each entry of " + what);
                ok &= v.isPresent();
                v.ifPresent(out::add);
            }
            return ok ? Optional.of(out) : Optional.empty();
        }
        error(n, what + " must be a name or a list of names, not " + describe(n));
        return Optional.empty();
    }

    /** Plain data (String, Long, Double, Boolean, null, List, Map) with YAML 1.2 core types. */
    Object data(Node n) {
        if (--budget < 0) {
            if (!budgetReported) {
                budgetReported = true;
                error(n, "YAML expands to more than " + MAX_VALUES + " values (aliases?); refusing it");
            }
            return null;
        }
        if (VAULT.equals(n.getTag())) {
            return vaulted(n);
        }
        if (n instanceof ScalarNode s) {
            if (dev.runbook.template.Templater.isTemplate(s.getValue())) {
                checkLookups(s);
            }
            return scalar(s);
        }
        if (n instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>(seq.getValue().size());
            for (Node item : seq.getValue()) {
                out.add(data(item));
            }
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        mapping(n, "this map").ifPresent(m -> m.forEach((k, t) -> out.put(k, data(t.getValueNode()))));
        return out;
    }

    /**
     * A lookup plugin runbook does not have ({@code lookup('password', ...)}) is reported where it
     * is written, before anything runs, instead of failing the task that evaluates it.
     */
    private void checkLookups(ScalarNode s) {
        String v = s.getValue();
        if (!v.contains("(")) {
            return;
        }
        java.util.regex.Matcher m = LOOKUP.matcher(v);
        while (m.find()) {
            String plugin = m.group(1).startsWith("ansible.builtin.") ? m.group(1).substring(16) : m.group(1);
            if (!Lookups.SUPPORTED.contains(plugin)) {
                error(s, "lookup plugin '" + m.group(1) + "' is not supported (supported: " + String.join(", ", Lookups.SUPPORTED)
                        + "; see docs/templates.md#lookups)", Suggestions.didYouMean(plugin, Lookups.SUPPORTED));
            }
        }
    }

    /** An inline {@code !vault} value: decrypted (a secret from now on), or kept encrypted when deferred. */
    private Object vaulted(Node n) {
        if (!(n instanceof ScalarNode s)) {
            error(n, "!vault marks an encrypted string, not " + describe(n));
            return null;
        }
        try {
            return vault.inline(s.getValue(), span(n));
        } catch (UserInputException e) {
            diags.addAll(e.diagnostics());
            return null;
        }
    }

    /** Plain data for a map value, keeping the position of each key for later messages. */
    Map<String, SourceSpan> spans(Map<String, NodeTuple> entries) {
        Map<String, SourceSpan> out = new LinkedHashMap<>();
        entries.forEach((k, t) -> out.put(k, span(t.getValueNode())));
        return out;
    }

    static Object scalar(ScalarNode s) {
        Tag tag = s.getTag();
        String v = s.getValue();
        try {
            if (Tag.NULL.equals(tag)) {
                return null;
            }
            if (Tag.BOOL.equals(tag)) {
                return Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT));
            }
            if (Tag.INT.equals(tag)) {
                return integerValue(v);
            }
            if (Tag.FLOAT.equals(tag)) {
                return Double.parseDouble(v);
            }
        } catch (NumberFormatException e) {
            return v;
        }
        return v;
    }

    private static Object integerValue(String v) {
        String t = v.replace("_", "");
        int radix = 10;
        if (t.startsWith("0o")) {
            radix = 8;
            t = t.substring(2);
        } else if (t.startsWith("0x")) {
            radix = 16;
            t = t.substring(2);
        }
        BigInteger big = new BigInteger(t, radix);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    static String describe(Node n) {
        if (n instanceof MappingNode) {
            return "a map";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) n;
        if (isNull(s)) {
            return "nothing (null)";
        }
        return "'" + abbreviate(s.getValue()) + "'";
    }

    static String abbreviate(String s) {
        String one = s.replace("\n", "\\n");
        return one.length() > 40 ? one.substring(0, 37) + "..." : one;
    }
}
