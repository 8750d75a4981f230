package dev.runbook.parse;

import dev.runbook.diag.Suggestions;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where roles are found, in Ansible's order: {@code roles/} beside the runbook, then each
 * directory of {@code roles_path} (ansible.cfg or ANSIBLE_ROLES_PATH; Ansible's default
 * {@code ~/.ansible/roles:/usr/share/ansible/roles:/etc/ansible/roles}), then — for a
 * dependency — the directory holding the role that depends on it, then the runbook's directory;
 * last, the name as a path.
 */
public record RoleSearch(List<Path> rolesPath) {
    public RoleSearch {
        rolesPath = List.copyOf(rolesPath);
    }

    /** Ansible's default roles_path, for {@code home}. */
    public static RoleSearch defaults(Path home) {
        return new RoleSearch(List.of(home.resolve(".ansible/roles"), Path.of("/usr/share/ansible/roles"),
                Path.of("/etc/ansible/roles")));
    }

    /** {@code a:b:c} as a roles path (empty parts ignored). */
    public static RoleSearch of(String spec) {
        List<Path> dirs = new ArrayList<>();
        for (String part : spec.split(":")) {
            if (!part.isBlank()) {
                dirs.add(Path.of(part.strip()));
            }
        }
        return new RoleSearch(dirs);
    }

    /** The directories searched for a role of a runbook in {@code baseDir}, needed by a role in {@code dependentDir}. */
    List<Path> directories(Path baseDir, Path dependentDir) {
        List<Path> out = new ArrayList<>();
        out.add(baseDir.resolve("roles"));
        out.addAll(rolesPath);
        if (dependentDir != null) {
            out.add(dependentDir.getParent());
        }
        out.add(baseDir);
        return out;
    }

    Optional<Path> find(String name, Path baseDir, Path dependentDir) {
        for (Path dir : directories(baseDir, dependentDir)) {
            Path candidate = dir.resolve(name).normalize();
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        Path asPath = Path.of(name);
        return Files.isDirectory(asPath) ? Optional.of(asPath.toAbsolutePath().normalize()) : Optional.empty();
    }

    /** "did you mean" over the roles that do exist in the searched directories. */
    String suggestion(String name, Path baseDir, Path dependentDir) {
        List<String> names = new ArrayList<>();
        for (Path dir : directories(baseDir, dependentDir)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, Files::isDirectory)) {
                s.forEach(p -> names.add(p.getFileName().toString()));
            } catch (IOException e) {
                // an unreadable directory holds no candidates
            }
        }
        return Suggestions.didYouMean(name, names);
    }
}
