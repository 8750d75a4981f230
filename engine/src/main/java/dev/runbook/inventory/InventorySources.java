package dev.runbook.inventory;

import dev.runbook.diag.SourceSpan;
import dev.runbook.diag.UserInputException;
import dev.runbook.vault.Vault;
import dev.runbook.vault.VaultEnvelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads inventory sources into one builder, as Ansible's inventory manager does: each source in
 * the order given; a directory's entries in name order (subdirectories likewise), skipping
 * hidden files, group_vars/, host_vars/, vars_plugins/ and files ending in .pyc .pyo .swp .bak ~
 * .rpm .md .txt .rst .orig .ini .cfg .retry (yes, .ini: Ansible ignores it inside a directory);
 * an executable file starting with #! (or a binary) is an inventory script (an executable bit on a
 * plain file is ignored, since Ansible's script plugin would fail on it and fall back); a vault-encrypted file is decrypted; anything else
 * is YAML or INI, told apart by its content.
 */
final class InventorySources {
    static final Pattern IGNORED = Pattern.compile("^\\.|^host_vars$|^group_vars$|^vars_plugins$"
            + "|(\\.pyc|\\.pyo|\\.swp|\\.bak|~|\\.rpm|\\.md|\\.txt|\\.rst|\\.orig|\\.ini|\\.cfg|\\.retry)$");

    private final InventoryBuilder b;
    private final Vault vault;

    private InventorySources(InventoryBuilder b, Vault vault) {
        this.b = b;
        this.vault = vault;
    }

    static void read(Path source, InventoryBuilder b, Vault vault) {
        new InventorySources(b, vault).source(source, true);
    }

    private void source(Path p, boolean given) {
        if (Files.isDirectory(p)) {
            List<Path> entries;
            try (Stream<Path> s = Files.list(p)) {
                entries = s.sorted().toList();
            } catch (IOException e) {
                throw UserInputException.of(SourceSpan.of(p.toString(), 0, 0), "cannot read the inventory directory: "
                        + e.getMessage(), "");
            }
            for (Path entry : entries) {
                if (!IGNORED.matcher(entry.getFileName().toString()).find()) {
                    source(entry, false);
                }
            }
        } else if (Files.isRegularFile(p)) {
            file(p);
        } else if (given && p.getFileName() != null && p.getFileName().toString().contains(",")) {
            hostList(p.getFileName().toString());
        } else if (given) {
            throw UserInputException.of(SourceSpan.of(p.toString(), 0, 0), "no inventory file or directory here", "");
        }
    }

    /** "web1,web2:2222," — Ansible's host_list: ungrouped hosts, each with an optional port. */
    private void hostList(String list) {
        b.currentSource = null;
        SourceSpan at = SourceSpan.of("-i " + list, 0, 0);
        for (String part : list.split(",")) {
            String h = part.strip();
            if (!h.isEmpty()) {
                HostAddress a = IniHostLine.hostPattern(h, at);
                if (!b.hosts.containsKey(a.host())) {
                    b.addHost(a.host(), InventoryBuilder.UNGROUPED, a.port());
                }
            }
        }
    }

    private void file(Path p) {
        String name = p.toString();
        byte[] data;
        try {
            data = Files.readAllBytes(p);
        } catch (IOException e) {
            throw UserInputException.of(SourceSpan.of(name, 0, 0), "cannot read the inventory: " + e.getMessage(), "");
        }
        boolean shebang = data.length >= 2 && data[0] == '#' && data[1] == '!';
        boolean elf = data.length >= 4 && data[0] == 0x7f && data[1] == 'E' && data[2] == 'L' && data[3] == 'F';
        b.currentSource = p.toAbsolutePath().normalize().toString();
        if (Files.isExecutable(p) && (shebang || elf)) {
            ScriptInventory.parse(p, b);
            return;
        }
        if (shebang) {
            throw UserInputException.of(SourceSpan.of(name, 1, 1), "this inventory starts with #! but is not executable",
                    "make the script executable (chmod +x " + p.getFileName() + "), or remove the #! line if it is a plain inventory");
        }
        if (name.endsWith(".toml")) {
            throw UserInputException.of(SourceSpan.of(name, 0, 0), "TOML inventories are not supported",
                    "write it as INI or YAML (see docs/inventory.md)");
        }
        String text = VaultEnvelope.isEncrypted(data)
                ? new String(vault.decrypt(new String(data, StandardCharsets.US_ASCII), SourceSpan.of(name, 0, 0)), StandardCharsets.UTF_8)
                : new String(data, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (InventoryFormat.isYaml(text)) {
            YamlInventoryParser.parse(text, name, b);
        } else {
            IniInventoryParser.parse(text, name, b);
        }
    }
}
