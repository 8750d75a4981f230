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
     * and {@code paths} (split on , and ; — paths also on :), searched path by path, each with
     * every file; the first that exists (an absolute path as is, else along the search path in
     * the {@code _subdir} option's directory: files, or vars for include_vars, templates for
     * template) as an absolute path. With {@code skip}, nothing found is an empty list.
     */
    static List<Object> firstFound(List<Object> terms, Map<String, Object> options, List<Path> base) {
        List<String> search = new ArrayList<>();
        boolean skip = candidates(terms, options, search);
        String subdir = String.valueOf(options.getOrDefault("_subdir", "files"));
        for (String f : search) {
            Optional<Path> found = find(base, subdir, f);
            if (found.isPresent()) {
                return List.of(found.get().toString());
            }
        }
        if (skip) {
            return List.of();
        }
        throw new FilterFailure("No file was found when using first_found.");
    }

    /** Fills {@code search} in Ansible's order; returns the last skip given. */
    private static boolean candidates(List<?> terms, Map<String, Object> options, List<String> search) {
        boolean skip = Py.truthy(options.getOrDefault("skip", false));
        for (Object t : terms) {
            Map<?, ?> opts;
            if (t instanceof Map<?, ?> m) {
                opts = m;
            } else if (t instanceof List<?> l) {
                skip = candidates(l, options, search);
                continue;
            } else {
                opts = options;
            }
            List<String> files = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            addAll(opts.get("files"), files, "[,;]");
            addAll(opts.get("paths"), paths, "[,:;]");
            skip = opts.containsKey("skip") ? Py.truthy(opts.get("skip")) : skip;
            if (!paths.isEmpty()) {
                for (String dir : paths) {
                    files.forEach(f -> search.add(Path.of(dir).resolve(f).toString()));
                }
            } else if (!files.isEmpty()) {
                search.clear(); // as Ansible: files without paths replace what earlier terms gave
                search.addAll(files);
            } else {
                search.add(Py.str(t));
            }
        }
        return skip;
    }

    private static void addAll(Object v, List<String> into, String separators) {
        if (v == null) {
            return;
        }
        if (v instanceof List<?> l) {
            l.forEach(x -> addAll(x, into, separators));
        } else {
            for (String part : Py.str(v).split(separators)) {
                if (!part.isBlank()) {
                    into.add(part.strip());
                }
            }
        }
    }
}
