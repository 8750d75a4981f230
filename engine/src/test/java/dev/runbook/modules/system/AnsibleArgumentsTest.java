package dev.runbook.modules.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleRegistry;
import dev.runbook.testing.DebianPackages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real ansible-core is the oracle: every argument Ansible documents for apt, dnf, yum, reboot,
 * systemd/systemd_service, hostname, wait_for_connection, pause and setup/gather_facts
 * (with its aliases) is known to runbook's module of the same name, with the same default, so a
 * role's task binds unchanged. The few defaults that differ on purpose are listed with the reason.
 */
class AnsibleArgumentsTest {
    /** module.argument: why runbook's default differs from what ansible-doc prints. */
    static final Map<String, String> DIFFERENT_DEFAULTS = Map.of(
            "apt.update_cache", "Ansible documents no default; unset means false in both",
            "dnf.state", "Ansible: None, meaning present (or absent with autoremove); runbook says present",
            "yum.state", "as dnf",
            "reboot.msg", "names runbook instead of Ansible",
            "reboot.reboot_command", "Ansible prints a description, not a value; both find shutdown in search_paths");

    @ParameterizedTest
    @ValueSource(strings = {"apt", "dnf", "yum", "reboot", "systemd", "systemd_service", "hostname", "wait_for_connection", "pause",
            "setup", "gather_facts"})
    void everyAnsibleArgumentBindsWithTheSameDefault(String name) throws Exception {
        DebianPackages.ensure("/usr/bin/ansible-doc", "ansible-core");
        Module module = ModuleRegistry.builtins().find("ansible.builtin." + name).orElseThrow();
        JsonNode options = new ObjectMapper().readTree(ansibleDoc(name)).path("ansible.builtin." + name).path("doc").path("options");
        assertThat(options.size()).as("ansible-doc lists options").isGreaterThan(0);
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> o = it.next();
            ArgSpec ours = module.spec().args().stream().filter(a -> a.name().equals(o.getKey())).findFirst().orElse(null);
            if (ours == null) {
                problems.add("missing argument " + o.getKey());
                continue;
            }
            for (JsonNode alias : o.getValue().path("aliases")) {
                if (!ours.aliases().contains(alias.asText())) {
                    problems.add(o.getKey() + ": missing alias " + alias.asText());
                }
            }
            String theirs = normalise(o.getValue().get("default"));
            String mine = normalise(ours.defaultValue());
            if (!theirs.equals(mine) && !DIFFERENT_DEFAULTS.containsKey(name + "." + o.getKey())) {
                problems.add(o.getKey() + ": default " + mine + ", Ansible's " + theirs);
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Ansible's yes/no and runbook's booleans, numbers and lists compared as text. */
    static String normalise(Object v) {
        if (v instanceof JsonNode n) {
            v = n.isNull() ? null : n.isBoolean() ? (Object) n.asBoolean() : n.isArray() ? n.toString().replace("\"", "").replace(",", ", ")
                    : n.isNumber() ? (Object) n.asLong() : n.asText();
        }
        if (v == null) {
            return "none";
        }
        String s = String.valueOf(v);
        return switch (s) {
            case "no", "false", "False" -> "false";
            case "yes", "true", "True" -> "true";
            default -> s.replace("[", "").replace("]", "");
        };
    }

    static String ansibleDoc(String name) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ansible-doc", "-j", "ansible.builtin." + name).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }
}
