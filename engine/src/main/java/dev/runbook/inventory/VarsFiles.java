package dev.runbook.inventory;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.vault.Vault;
import dev.runbook.vault.VaultEnvelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * group_vars/ and host_vars/ beside the inventory, found as Ansible finds them: the first of
 * NAME, NAME.yml, NAME.yaml, NAME.json; a directory NAME/ is read whole, its files (with those
 * extensions or none, hidden files and backups~ skipped) in name order, later files winning.
 */
final class VarsFiles {
    private static final List<String> EXTENSIONS = List.of("", ".yml", ".yaml", ".json");

    private VarsFiles() {
    }

    /**
     * The variables for {@code name} from {@code inventoryDir/subdir}; vault-encrypted files are
     * decrypted with {@code vault}, and every string in them is remembered as a secret.
     */
    static Map<String, Object> load(Path inventoryDir, String subdir, String name, Vault vault) {
        Map<String, Object> vars = new LinkedHashMap<>();
        Path base = inventoryDir.resolve(subdir);
        if (name.startsWith("/") || !Files.isDirectory(base)) {
            return vars;
        }
        for (Path file : find(base, name)) {
            vars.putAll(read(file, vault));
        }
        return vars;
    }

    private static List<Path> find(Path base, String name) {
        List<Path> found = new ArrayList<>();
        for (String ext : EXTENSIONS) {
            Path candidate = base.resolve(name + ext);
            if (Files.isDirectory(candidate)) {
                found.addAll(directory(candidate));
                break;
            }
            if (Files.isRegularFile(candidate)) {
                found.add(candidate);
                break;
            }
        }
        return found;
    }

    private static List<Path> directory(Path dir) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String fileName = p.getFileName().toString();
                int dot = fileName.lastIndexOf('.');
                String ext = dot > 0 ? fileName.substring(dot) : "";
                if (fileName.startsWith(".") || fileName.endsWith("~")) {
                    continue;
                }
                if (Files.isDirectory(p) && ext.isEmpty()) {
                    found.addAll(directory(p));
                } else if (Files.isRegularFile(p) && EXTENSIONS.contains(ext)) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            throw UserInputException.of(SourceSpan.of(dir.toString(), 0, 0), "cannot read directory: " + e.getMessage(), "");
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file, Vault vault) {
        String name = file.toString();
        String text;
        boolean encrypted;
        try {
            byte[] data = Files.readAllBytes(file);
            encrypted = VaultEnvelope.isEncrypted(data);
            text = encrypted ? new String(vault.decrypt(new String(data, StandardCharsets.US_ASCII), SourceSpan.of(name, 0, 0)),
                    StandardCharsets.UTF_8) : new String(data, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw UserInputException.of(SourceSpan.of(name, 0, 0), "cannot read variables file: " + e.getMessage(), "");
        }
        Optional<Node> root = YamlSupport.compose(text, name);
        if (root.isEmpty() || YamlSupport.isNull(root.get())) {
            return Map.of();
        }
        if (!(root.get() instanceof MappingNode)) {
            throw UserInputException.of(YamlSupport.span(name, root.get()),
                    "a variables file must be a mapping of variable names to values, not " + YamlSupport.kind(root.get()), "");
        }
        Map<String, Object> vars = (Map<String, Object>) YamlSupport.value(root.get(), name);
        if (encrypted) {
            vault.rememberAll(vars);
        }
        return vars;
    }
}
