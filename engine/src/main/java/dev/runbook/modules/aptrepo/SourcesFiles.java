package dev.runbook.modules.aptrepo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one-line sources files (sources.list and sources.list.d/*.list) and what Ansible's
 * apt_repository does to them: a source already there (even disabled) is enabled rather than
 * added again; a new one goes into its own file; removing takes every enabled copy, and a file
 * left with no lines is deleted. Files are compared and written in Ansible's normalised form.
 */
final class SourcesFiles {
    private static final Pattern OPTIONS = Pattern.compile("\\[[^\\]]+\\]");
    private static final Pattern SCHEME = Pattern.compile("\\w+://");
    private final Map<String, List<SourceLine>> files;

    SourcesFiles(Map<String, String> contents) {
        files = new LinkedHashMap<>();
        contents.forEach((path, text) -> {
            List<SourceLine> lines = new ArrayList<>();
            text.lines().forEach(l -> lines.add(SourceLine.parse(l)));
            files.put(path, lines);
        });
    }

    /** Every file's content as Ansible would write it; files without lines are left out. */
    Map<String, String> dump() {
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach((path, lines) -> {
            if (!lines.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                lines.forEach(l -> sb.append(l.render()));
                out.put(path, sb.toString());
            }
        });
        return out;
    }

    /** Adds a source (enabling it wherever it already is, even in several files); returns the file it went to, or null. */
    String add(String source, String file) {
        boolean found = false;
        for (List<SourceLine> lines : files.values()) {
            for (int i = 0; i < lines.size(); i++) {
                SourceLine l = lines.get(i);
                if (l.valid() && l.source().equals(source)) {
                    lines.set(i, l.enabled(true));
                    found = true;
                }
            }
        }
        if (found) {
            return null;
        }
        files.computeIfAbsent(file, f -> new ArrayList<>()).add(new SourceLine(true, true, source, ""));
        return file;
    }

    /** Removes every enabled copy of the source. */
    void remove(String source) {
        for (List<SourceLine> lines : files.values()) {
            lines.removeIf(l -> l.valid() && l.enabled() && l.source().equals(source));
        }
    }

    /**
     * Ansible's file name for a source: its URI's host and path, without scheme, options and
     * credentials, every run of other characters made one {@code _}; plus {@code .list}.
     */
    static String suggestedName(String source) {
        String line = SCHEME.matcher(OPTIONS.matcher(source).replaceAll("")).replaceAll("");
        List<String> parts = new ArrayList<>();
        for (String p : line.strip().split("\\s+")) {
            if (!p.equals("deb") && !p.equals("deb-src")) {
                parts.add(p);
            }
        }
        String first = parts.isEmpty() ? "" : parts.get(0);
        int at = first.indexOf('@');
        if (at >= 0) {
            first = first.substring(at + 1);
        }
        return String.join("_", first.replaceAll("[^a-zA-Z0-9]", " ").strip().split("\\s+")) + ".list";
    }
}
