package dev.runbook.cli;

import dev.runbook.diag.Diagnostics;
import dev.runbook.diag.SourceSpan;
import dev.runbook.inventory.AnsibleVarsFile;
import dev.runbook.vault.Vault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code -e} as Ansible reads it: {@code KEY=VALUE} (several per flag, space-separated),
 * {@code @file.yml} (YAML or JSON), or an inline JSON/YAML map. Later flags win.
 */
final class ExtraVars {
    private ExtraVars() {
    }

    static Map<String, Object> parse(List<String> flags) {
        return parse(flags, Vault.none(), Environment.system());
    }

    /**
     * As above; {@code @file} is read like a group_vars file (vault-encrypted whole or with inline
     * {@code !vault} values, decrypted now with {@code vault}), relative to the working directory.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(List<String> flags, Vault vault, Environment env) {
        Map<String, Object> out = new LinkedHashMap<>();
        Diagnostics diags = new Diagnostics();
        for (String flag : flags) {
            String f = flag.strip();
            if (f.startsWith("@")) {
                Path file = env.path(f.substring(1));
                if (!Files.isRegularFile(file)) {
                    diags.error(SourceSpan.NONE, "cannot read extra vars file '" + f.substring(1) + "': no such file");
                    continue;
                }
                out.putAll((Map<String, Object>) vault.revealAll(AnsibleVarsFile.read(file, vault)));
            } else if (f.startsWith("{")) {
                out.putAll(map(f, "-e " + f, diags));
            } else {
                keyValues(f, out, diags);
            }
        }
        diags.throwIfErrors();
        return out;
    }

    private static void keyValues(String flag, Map<String, Object> out, Diagnostics diags) {
        for (String word : dev.runbook.cli.Words.split(flag)) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                diags.error(SourceSpan.NONE, "-e '" + word + "' is not KEY=VALUE", "write -e name=value, -e @vars.yml or -e '{\"name\": 1}'");
                continue;
            }
            out.put(word.substring(0, eq), word.substring(eq + 1));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String text, String where, Diagnostics diags) {
        try {
            Object v = new Load(LoadSettings.builder().setLabel(where).setMaxAliasesForCollections(50).build()).loadFromString(text);
            if (v instanceof Map<?, ?> m) {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, val) -> out.put(String.valueOf(k), val));
                return out;
            }
            diags.error(SourceSpan.of(where, 1, 1), "extra vars must be a map of names to values");
        } catch (RuntimeException e) {
            diags.error(SourceSpan.of(where, 1, 1), "extra vars are not valid YAML/JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return Map.of();
    }

}
