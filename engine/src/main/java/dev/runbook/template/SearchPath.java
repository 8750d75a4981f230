package dev.runbook.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a relative controller path ({@code src:} of copy and template, the file, template,
 * first_found and fileglob lookups) is looked for, as Ansible's {@code path_dwim_relative_stack}
 * does: for each directory of {@code ansible_search_path} (for a role's task: the role, the roles
 * depending on it, the task file's directory; last, the runbook's directory), first its
 * {@code files/} (or {@code templates/}) subdirectory, then the directory itself.
 */
public final class SearchPath {
    private SearchPath() {
    }

    /** The directories of {@code ansible_search_path} in {@code vars}; else {@code playbook_dir}; else the working directory. */
    public static List<Path> of(Map<String, Object> vars) {
        List<Path> out = new ArrayList<>();
        if (vars.get("ansible_search_path") instanceof List<?> l) {
            l.forEach(x -> out.add(Path.of(String.valueOf(x))));
        }
        if (out.isEmpty()) {
            Object dir = vars.get("playbook_dir");
            out.add(dir == null ? Path.of("").toAbsolutePath() : Path.of(String.valueOf(dir)));
        }
        return out;
    }

    /** Every place {@code term} is looked for, in order (an absolute path: itself). */
    public static List<Path> candidates(List<Path> dirs, String subdir, String term) {
        Path t = Path.of(term);
        if (t.isAbsolute()) {
            return List.of(t);
        }
        boolean named = term.split("/")[0].equals(subdir);
        List<Path> out = new ArrayList<>();
        for (Path dir : dirs) {
            if (!named) {
                out.add(dir.resolve(subdir).resolve(term).normalize());
            }
            out.add(dir.resolve(term).normalize());
        }
        return out;
    }

    /** The first candidate that exists. */
    public static Optional<Path> find(List<Path> dirs, String subdir, String term) {
        return candidates(dirs, subdir, term).stream().filter(Files::exists).findFirst();
    }
}
