package dev.runbook.template.jinja;

import dev.runbook.template.SearchPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where lookups find controller files, as Ansible's search path does for a playbook. */
final class LookupFiles {
    private LookupFiles() {
    }

    /** An absolute path as is; else looked for along the search path ({@link SearchPath}). */
    static Optional<Path> find(List<Path> dirs, String subdir, String term) {
        return SearchPath.find(dirs, subdir, term);
    }

    static String read(Path p) {
        try {
            byte[] data = Files.readAllBytes(p);
            if (new String(data, 0, Math.min(data.length, 14), StandardCharsets.US_ASCII).equals("$ANSIBLE_VAULT")) {
                throw new FilterFailure("the file " + p + " is encrypted with Ansible Vault: lookups cannot decrypt it; "
                        + "use copy or template with src (they do), or a !vault variable");
            }
            return new String(data, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FilterFailure("cannot read " + p + ": " + e.getMessage());
        }
    }

    /**
     * Ansible's first_found: terms are file names, lists of them, or mappings with {@code files}
     * and {@code paths}; the first that exists (looked for like file's terms) as an absolute path.
     */
    static List<Object> firstFound(List<Object> terms, Map<String, Object> options, List<Path> base) {
        List<String> files = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        boolean skip = Py.truthy(options.getOrDefault("skip", false));
        addAll(options.get("files"), files);
        addAll(options.get("paths"), paths);
        for (Object t : terms) {
            if (t instanceof Map<?, ?> m) {
                addAll(m.get("files"), files);
                addAll(m.get("paths"), paths);
                if (m.containsKey("skip")) {
                    skip = Py.truthy(m.get("skip"));
                }
            } else {
                addAll(t, files);
            }
        }
        for (String f : files) {
            if (paths.isEmpty()) {
                Optional<Path> found = find(base, "files", f);
                if (found.isPresent()) {
                    return List.of(found.get().toString());
                }
            }
            for (String dir : paths) {
                Optional<Path> found = find(base, "files", Path.of(dir).resolve(f).toString());
                if (found.isPresent()) {
                    return List.of(found.get().toString());
                }
            }
        }
        if (skip) {
            return List.of();
        }
        throw new FilterFailure("No file was found when using first_found.");
    }

    private static void addAll(Object v, List<String> into) {
        if (v == null) {
            return;
        }
        if (v instanceof List<?> l) {
            l.forEach(x -> addAll(x, into));
        } else {
            for (String part : Py.str(v).split("[,;]")) {
                if (!part.isBlank()) {
                    into.add(part.strip());
                }
            }
        }
    }
}
