package dev.runbook.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * For a documentation example that uses roles: creates each role it names under {@code roles/}
 * beside it (one debug task, and the {@code *_from} files it names), so the example's own YAML is
 * what validation checks.
 */
final class DocRoles {
    private DocRoles() {
    }

    static void create(Object doc, Path dir) throws IOException {
        if (doc instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.equals("roles") && e.getValue() instanceof List<?> l) {
                    for (Object entry : l) {
                        role(entry, dir);
                    }
                } else if (key.equals("role")) {
                    role(e.getValue(), dir);
                } else if (key.endsWith("import_role") || key.endsWith("include_role")) {
                    role(e.getValue(), dir);
                } else {
                    create(e.getValue(), dir);
                }
            }
        } else if (doc instanceof List<?> l) {
            for (Object o : l) {
                create(o, dir);
            }
        }
    }

    private static void role(Object entry, Path dir) throws IOException {
        Map<?, ?> m = entry instanceof Map<?, ?> map ? map : Map.of("role", String.valueOf(entry));
        Object name = m.containsKey("role") ? m.get("role") : m.get("name");
        Path role = dir.resolve("roles").resolve(String.valueOf(name));
        write(role.resolve("tasks/main.yml"), "- debug: {msg: \"role " + name + "\"}\n");
        for (String sub : List.of("tasks", "vars", "defaults", "handlers")) {
            if (m.get(sub + "_from") != null) {
                String file = String.valueOf(m.get(sub + "_from"));
                write(role.resolve(sub).resolve(file.contains(".") ? file : file + ".yml"),
                        sub.equals("tasks") || sub.equals("handlers") ? "- debug: {msg: \"" + file + "\"}\n" : "{}\n");
            }
        }
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        if (!Files.exists(p)) {
            Files.writeString(p, text);
        }
    }
}
