package dev.runbook.template.jinja;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Ansible's ini lookup: {@code 'key section=... file=... default=... re=... type=ini|properties
 * encoding=... case_sensitive=...'}, or the same options as keywords. The file is read as
 * Python's configparser reads it (sections, {@code =} or {@code :}, comment lines, continuation
 * lines, the DEFAULT section, {@code %(name)s} interpolation); keys are case-insensitive unless
 * {@code case_sensitive}. {@code re=True} gives the values of every key the pattern matches from its start.
 */
final class IniLookup {
    private static final List<String> OPTIONS = List.of("file", "section", "re", "default", "type", "encoding",
            "case_sensitive", "allow_no_value", "allow_none");
    private static final Pattern SECTION = Pattern.compile("\\[(?<name>.+)]");
    private static final Pattern INTERPOLATION = Pattern.compile("%\\((\\w+)\\)s|%%");

    private IniLookup() {
    }

    static List<Object> run(List<String> terms, Map<String, Object> options, List<Path> searchPath) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("file", "ansible.ini");
        params.put("section", "global");
        params.put("re", false);
        params.put("default", "");
        params.put("type", "ini");
        params.put("encoding", "utf-8");
        params.put("case_sensitive", false);
        options.forEach((k, v) -> {
            if (!k.equals("wantlist")) {
                check(k);
                params.put(k, v);
            }
        });
        // As Ansible: the parser is set up from the keyword options, before any inline ones are read.
        boolean caseSensitive = Py.truthy(params.get("case_sensitive"));
        boolean allowNoValue = Py.truthy(params.getOrDefault("allow_no_value", params.get("allow_none")));
        List<Object> out = new ArrayList<>();
        for (String term : terms) {
            String key = term;
            if (term.contains("=") || term.strip().contains(" ")) {
                LookupKv kv = LookupKv.parse(term);
                kv.options().forEach((k, v) -> {
                    check(k);
                    params.put(k, v);
                });
                if (kv.words().isEmpty()) {
                    throw new FilterFailure("No key to lookup was provided as first term with in string inline options: " + term);
                }
                key = kv.words().get(0);
            }
            String file = Py.str(params.get("file"));
            Path path = LookupFiles.find(searchPath, "files", file)
                    .orElseThrow(() -> new FilterFailure("could not locate file in lookup: " + file));
            boolean properties = Py.str(params.get("type")).equals("properties");
            String text = (properties ? "[java_properties]\n" : "") + read(path, Py.str(params.get("encoding")));
            String section = properties ? "java_properties" : Py.str(params.get("section"));
            Map<String, Map<String, String>> ini = parse(text, path, caseSensitive, allowNoValue);
            Map<String, String> values = ini.get(section);
            if (values == null) {
                throw new FilterFailure("No section '" + section + "' in " + file);
            }
            values = interpolated(ini.getOrDefault("DEFAULT", Map.of()), values);
            if (Py.truthy(params.get("re"))) {
                Pattern p = Pattern.compile(key);
                values.forEach((k, v) -> {
                    if (p.matcher(k).lookingAt() && v != null) {
                        out.add(v);
                    }
                });
            } else {
                String k = caseSensitive ? key : key.toLowerCase(java.util.Locale.ROOT);
                Object v = values.containsKey(k) ? values.get(k) : params.get("default");
                if (v != null) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static void check(String name) {
        if (!OPTIONS.contains(name)) {
            throw new FilterFailure(name + " is not a valid option of the ini lookup (valid: " + String.join(", ", OPTIONS) + ")");
        }
    }

    private static String read(Path p, String encoding) {
        try {
            return new String(Files.readAllBytes(p), Charset.forName(encoding));
        } catch (IOException | IllegalArgumentException e) {
            throw new FilterFailure("the ini lookup cannot read " + p + " as " + encoding + ": " + e.getMessage());
        }
    }

    /** Sections (DEFAULT among them) to their keys and raw values, in file order. */
    static Map<String, Map<String, String>> parse(String text, Path file, boolean caseSensitive, boolean allowNoValue) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Map<String, String> current = null;
        String lastKey = null;
        int indent = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String stripped = line.strip();
            int lineIndent = line.length() - line.stripLeading().length();
            if (stripped.startsWith("#") || stripped.startsWith(";")) {
                continue;
            }
            if (stripped.isEmpty()) {
                if (lastKey != null) {
                    current.put(lastKey, current.get(lastKey) + "\n");
                }
                continue;
            }
            if (lastKey != null && lineIndent > indent) {
                current.put(lastKey, current.get(lastKey) + "\n" + stripped);
                continue;
            }
            var m = SECTION.matcher(stripped);
            if (m.lookingAt()) {
                String name = m.group("name");
                if (out.containsKey(name)) {
                    throw new FilterFailure("the ini lookup cannot read " + file + ": section '" + name + "' appears twice (line "
                            + (n + 1) + ")");
                }
                current = new LinkedHashMap<>();
                out.put(name, current);
                lastKey = null;
                continue;
            }
            if (current == null) {
                throw new FilterFailure("the ini lookup cannot read " + file + ": line " + (n + 1)
                        + " comes before any [section] header: " + stripped);
            }
            int eq = firstDelimiter(stripped);
            if (eq < 0 && allowNoValue) {
                current.put(caseSensitive ? stripped : stripped.toLowerCase(java.util.Locale.ROOT), null);
                lastKey = null;
                continue;
            }
            if (eq <= 0) {
                throw new FilterFailure("the ini lookup cannot read " + file + ": line " + (n + 1) + " is not 'key = value': " + stripped);
            }
            String key = stripped.substring(0, eq).strip();
            key = caseSensitive ? key : key.toLowerCase(java.util.Locale.ROOT);
            if (current.containsKey(key)) {
                throw new FilterFailure("the ini lookup cannot read " + file + ": key '" + key + "' appears twice in its section (line "
                        + (n + 1) + ")");
            }
            current.put(key, stripped.substring(eq + 1).strip());
            lastKey = key;
            indent = lineIndent;
        }
        out.values().forEach(s -> s.replaceAll((k, v) -> v == null ? null : v.stripTrailing()));
        return out;
    }

    private static int firstDelimiter(String s) {
        int eq = s.indexOf('=');
        int colon = s.indexOf(':');
        return eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
    }

    /** Python's BasicInterpolation: {@code %(key)s} from the section or DEFAULT, {@code %%} as %; DEFAULT keys included. */
    private static Map<String, String> interpolated(Map<String, String> defaults, Map<String, String> section) {
        Map<String, String> all = new LinkedHashMap<>(section);
        defaults.forEach(all::putIfAbsent);
        Map<String, String> out = new LinkedHashMap<>();
        all.forEach((k, v) -> out.put(k, v == null ? null : expand(v, all, 0)));
        return out;
    }

    private static String expand(String v, Map<String, String> all, int depth) {
        if (depth > 10 || !v.contains("%")) {
            return v;
        }
        var m = INTERPOLATION.matcher(v);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String rep;
            if (m.group(1) == null) {
                rep = "%";
            } else {
                String ref = all.get(m.group(1).toLowerCase(java.util.Locale.ROOT));
                if (ref == null) {
                    throw new FilterFailure("the ini lookup: '%(" + m.group(1) + ")s' refers to a key that is not in the section");
                }
                rep = expand(ref, all, depth + 1);
            }
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(rep));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
