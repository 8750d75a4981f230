package dev.runbook.template.jinja;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's csvfile lookup: {@code 'key file=... delimiter=... col=... default=... encoding=...'}
 * (or the options as keywords): the column {@code col} (0 is the key) of the first row whose first
 * field is {@code key}. The file is read as Python's csv module reads it ({@code "} quotes, doubled
 * inside a field); {@code delimiter=TAB} (the default) is a tab. No row and no default: nothing.
 */
final class CsvLookup {
    private static final List<String> OPTIONS = List.of("file", "delimiter", "col", "default", "encoding");

    private CsvLookup() {
    }

    static List<Object> run(List<String> terms, Map<String, Object> options, List<Path> searchPath) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("file", "ansible.csv");
        params.put("delimiter", "TAB");
        params.put("col", "1");
        params.put("default", null);
        params.put("encoding", "utf-8");
        options.forEach((k, v) -> {
            if (!k.equals("wantlist")) {
                check(k);
                params.put(k, v);
            }
        });
        List<Object> out = new ArrayList<>();
        for (String term : terms) {
            LookupKv kv = LookupKv.parse(term);
            if (kv.raw() == null) {
                throw new FilterFailure("Search key is required but was not found in the csvfile lookup's term: " + term);
            }
            kv.options().forEach((k, v) -> {
                check(k);
                params.put(k, v);
            });
            String delimiter = Py.str(params.get("delimiter"));
            delimiter = delimiter.equals("TAB") ? "\t" : delimiter;
            if (delimiter.length() != 1) {
                throw new FilterFailure("csvfile: \"delimiter\" must be a 1-character string, not '" + delimiter + "'");
            }
            String file = Py.str(params.get("file"));
            Path path = LookupFiles.find(searchPath, "files", file)
                    .orElseThrow(() -> new FilterFailure("could not locate file in lookup: " + file));
            Object v = find(path, kv.raw(), delimiter.charAt(0), Py.str(params.get("encoding")), params);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    private static void check(String name) {
        if (!OPTIONS.contains(name)) {
            throw new FilterFailure(name + " is not a valid option of the csvfile lookup (valid: " + String.join(", ", OPTIONS) + ")");
        }
    }

    private static Object find(Path path, String key, char delimiter, String encoding, Map<String, Object> params) {
        String text;
        try {
            text = new String(Files.readAllBytes(path), Charset.forName(encoding));
        } catch (IOException | IllegalArgumentException e) {
            throw new FilterFailure("csvfile: cannot read " + path + " as " + encoding + ": " + e.getMessage());
        }
        int col;
        try {
            col = Integer.parseInt(Py.str(params.get("col")).strip());
        } catch (NumberFormatException e) {
            throw new FilterFailure("csvfile: col must be a whole number, not '" + Py.str(params.get("col")) + "'");
        }
        for (List<String> row : rows(text, delimiter)) {
            if (!row.isEmpty() && row.get(0).equals(key)) {
                int i = col < 0 ? row.size() + col : col;
                if (i < 0 || i >= row.size()) {
                    throw new FilterFailure("csvfile: list index out of range (the row for '" + key + "' has " + row.size()
                            + " columns; col=" + col + ")");
                }
                return row.get(i);
            }
        }
        return params.get("default");
    }

    /** Python csv's default dialect with this delimiter: quoted fields, doubled quotes, newlines inside quotes. */
    static List<List<String>> rows(String text, char delimiter) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                any = true;
            } else if (c == delimiter) {
                row.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || !field.isEmpty()) {
                    row.add(field.toString());
                }
                rows.add(row);
                row = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (any || !field.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
