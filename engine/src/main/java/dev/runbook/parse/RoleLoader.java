package dev.runbook.parse;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.inventory.AnsibleVarsFile;
import dev.runbook.vault.Vault;
import dev.runbook.vault.VaultedString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Finds a role and reads its layout: {@code defaults/} and {@code vars/} (YAML as Ansible reads
 * variables files, vault included), {@code meta/main.yml} ({@code dependencies},
 * {@code allow_duplicates}) with each dependency loaded in turn, and which {@code tasks/} and
 * {@code handlers/} file to run. A role loaded twice the same way is loaded once.
 */
final class RoleLoader {
    private static final List<String> MAIN_EXTENSIONS = List.of(".yml", ".yaml", ".json", "");
    private static final List<String> NAMED_EXTENSIONS = List.of("", ".yml", ".yaml", ".json");

    private final RoleSearch search;
    private final Path baseDir;
    private final IncludeChain files;
    private final Map<String, LoadedRole> loaded = new LinkedHashMap<>();
    private final List<Path> loading = new ArrayList<>();

    RoleLoader(RoleSearch search, Path baseDir, IncludeChain files) {
        this.search = search;
        this.baseDir = baseDir;
        this.files = files;
    }

    /** The role of {@code use}, needed by the role in {@code dependentDir} (null at the top). */
    Optional<LoadedRole> load(RoleUse use, Path dependentDir) {
        NodeReader r = use.reader();
        Optional<Path> found = search.find(use.name(), baseDir, dependentDir);
        if (found.isEmpty()) {
            List<String> dirs = search.directories(baseDir, dependentDir).stream().map(Path::toString).toList();
            String hint = search.suggestion(use.name(), baseDir, dependentDir);
            r.error(use.at(), "the role '" + use.name() + "' was not found in " + String.join(":", dirs),
                    (hint.isEmpty() ? "" : hint + "; ") + "set roles_path in ansible.cfg or ANSIBLE_ROLES_PATH" + RoleEntries.DOC);
            return Optional.empty();
        }
        Path path = found.get();
        String key = use.key(path.toString());
        if (loaded.containsKey(key)) {
            return Optional.of(loaded.get(key));
        }
        if (loading.contains(path)) {
            List<String> names = new ArrayList<>(loading.subList(loading.indexOf(path), loading.size()).stream()
                    .map(p -> p.getFileName().toString()).toList());
            names.add(path.getFileName().toString());
            r.error(use.at(), "roles depend on each other in a loop: " + String.join(" → ", names),
                    "remove one of these dependencies from meta/main.yml");
            return Optional.empty();
        }
        loading.add(path);
        try {
            Optional<LoadedRole> role = read(use, path, key);
            role.ifPresent(x -> loaded.put(key, x));
            return role;
        } finally {
            loading.remove(loading.size() - 1);
        }
    }

    private Optional<LoadedRole> read(RoleUse use, Path path, String key) {
        NodeReader r = use.reader();
        RoleUse.From from = use.from();
        Map<String, Object> defaults = vars(r, use, path.resolve("defaults"), from.defaults());
        Map<String, Object> roleVars = vars(r, use, path.resolve("vars"), from.vars());
        List<LoadedRole> deps = new ArrayList<>();
        boolean allowDuplicates = meta(path, deps);
        if (use.allowDuplicates() != null) {
            allowDuplicates = use.allowDuplicates();
        }
        Path tasks = file(r, use, path.resolve("tasks"), from.tasks(), "tasks_from");
        Path handlers = file(r, use, path.resolve("handlers"), from.handlers(), "handlers_from");
        String name = path.getFileName().toString();
        return Optional.of(new LoadedRole(name, path, defaults, roleVars, use.vars(), use.params(), deps,
                allowDuplicates, tasks, handlers, key));
    }

    /** meta/main.yml: its dependencies loaded into {@code deps}; returns allow_duplicates. */
    private boolean meta(Path path, List<LoadedRole> deps) {
        Path meta = first(path.resolve("meta"), "main", MAIN_EXTENSIONS);
        if (meta == null) {
            return false;
        }
        var in = files.data(SourceSpan.of(meta.toString(), 0, 0), meta);
        if (in.isEmpty() || NodeReader.isNull(in.get().node())) {
            return false;
        }
        NodeReader mr = in.get().reader();
        var m = mr.mapping(in.get().node(), "a role's meta/main.yml");
        if (m.isEmpty()) {
            return false;
        }
        boolean allow = Fields.flag(mr, m.get(), "allow_duplicates");
        if (m.get().containsKey("dependencies")) {
            Node list = Fields.value(m.get(), "dependencies");
            if (list instanceof SequenceNode seq) {
                for (Node item : seq.getValue()) {
                    RoleEntries.listed(mr, item).flatMap(dep -> load(dep, path)).ifPresent(deps::add);
                }
            } else if (!NodeReader.isNull(list)) {
                mr.error(list, "dependencies must be a list of roles, not " + NodeReader.describe(list));
            }
        }
        return allow;
    }

    /** The variables of {@code dir/NAME} (a file, or a directory of files merged in order); empty without one. */
    private Map<String, Object> vars(NodeReader r, RoleUse use, Path dir, String name) {
        List<Path> found = varsFiles(dir, name);
        if (found.isEmpty() && name != null) {
            r.error(use.at(), "the role '" + use.name() + "' has no " + dir.getFileName() + " file '" + name + "' (looked in " + dir + ")");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Path f : found) {
            try {
                AnsibleVarsFile.read(f, files.vault()).forEach((k, v) -> out.put(k, inline(v, files.vault())));
                if (!files.files().contains(f)) {
                    files.files().add(f);
                }
            } catch (UserInputException e) {
                files.diags().addAll(e.diagnostics());
            }
        }
        return out;
    }

    /** Inline !vault values decrypted now when a password was given (else kept for later, as in the runbook's vars). */
    private static Object inline(Object v, Vault vault) {
        if (v instanceof VaultedString s) {
            return vault.inline(s.ciphertext(), s.at());
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), inline(x, vault)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(x -> inline(x, vault)).toList();
        }
        return v;
    }

    private static List<Path> varsFiles(Path dir, String name) {
        Path f = first(dir, name == null ? "main" : name, name == null ? MAIN_EXTENSIONS : NAMED_EXTENSIONS);
        if (f == null) {
            return List.of();
        }
        if (!Files.isDirectory(f)) {
            return List.of(f);
        }
        try (Stream<Path> walk = Files.walk(f)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().endsWith("~"))
                    .filter(p -> { String n = p.getFileName().toString(); return !n.contains(".") || n.endsWith(".yml") || n.endsWith(".yaml") || n.endsWith(".json"); })
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A tasks or handlers file: {@code dir/NAME} with Ansible's extensions; null when the role has none. */
    private static Path file(NodeReader r, RoleUse use, Path dir, String name, String option) {
        Path f = first(dir, name == null ? "main" : name, name == null ? MAIN_EXTENSIONS : NAMED_EXTENSIONS);
        if (f != null && Files.isRegularFile(f)) {
            return f;
        }
        if (name != null) {
            r.error(use.at(), option + ": the role '" + use.name() + "' has no file '" + name + "' in " + dir,
                    "name a file of " + dir.getFileName() + "/ (the .yml may be left out)");
        }
        return null;
    }

    private static Path first(Path dir, String name, List<String> extensions) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        for (String ext : extensions) {
            Path p = dir.resolve(name + ext);
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }
}
