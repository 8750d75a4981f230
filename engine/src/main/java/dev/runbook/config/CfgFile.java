package dev.runbook.config;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An ansible.cfg as Python's configparser reads it for Ansible: [section] headers, "key = value"
 * or "key: value" (keys case-insensitive), whole-line comments with # or ;, inline comments
 * after " ;", indented lines continuing the previous value. Each value keeps its line.
 */
final class CfgFile {
    record Entry(String value, SourceSpan at) {
    }

    private final Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();

    private CfgFile() {
    }

    static CfgFile parse(String text, String file) {
        CfgFile cfg = new CfgFile();
        String section = null;
        String lastKey = null;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String line = raw.strip();
            SourceSpan at = SourceSpan.of(file, i + 1, Math.max(1, raw.indexOf(line.isEmpty() ? " " : line.substring(0, 1)) + 1));
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                if (line.isEmpty()) {
                    lastKey = null;
                }
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0)) && lastKey != null && section != null) {
                Entry e = cfg.sections.get(section).get(lastKey);
                cfg.sections.get(section).put(lastKey, new Entry(e.value() + "\n" + uncomment(line), e.at()));
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw UserInputException.of(at, "invalid section header " + line, "write [defaults], [ssh_connection]...");
                }
                section = line.substring(1, line.length() - 1).strip();
                cfg.sections.putIfAbsent(section, new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            int eq = firstDelimiter(line);
            if (eq <= 0) {
                throw UserInputException.of(at, "expected 'key = value' in ansible.cfg, got '" + line + "'", "");
            }
            if (section == null) {
                throw UserInputException.of(at, "'" + line + "' comes before any [section]", "put it under [defaults]");
            }
            lastKey = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            cfg.sections.get(section).put(lastKey, new Entry(uncomment(line.substring(eq + 1).strip()), at));
        }
        return cfg;
    }

    private static int firstDelimiter(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    /** Ansible's parser takes ';' after whitespace as the start of an inline comment. */
    private static String uncomment(String value) {
        for (int i = 1; i < value.length(); i++) {
            if (value.charAt(i) == ';' && Character.isWhitespace(value.charAt(i - 1))) {
                return value.substring(0, i).strip();
            }
        }
        return value;
    }

    Entry get(String section, String key) {
        Map<String, Entry> s = sections.get(section);
        return s == null ? null : s.get(key);
    }
}
