package dev.runbook.modules.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.modules.ArgSpec;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleRegistry;
import dev.runbook.testing.DebianPackages;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * As {@link AnsibleArgumentsTest}, for replace, ini_file, tempfile, include_vars, script, raw,
 * apt_repository, package_facts and mysql_variables: every argument ansible-doc lists (with its
 * aliases) binds to runbook's module of the same FQCN, with the same default. The common file
 * arguments Ansible adds to every file module (selinux, attributes, unsafe_writes) are not
 * arguments of runbook's; those are listed, as are the few defaults that differ on purpose.
 */
class AnsibleArgumentsFilesTest {
    /** Ansible's add_file_common_args: SELinux and chattr attributes have no equivalent here. */
    static final List<String> NOT_SUPPORTED = List.of("attributes", "selevel", "serole", "setype", "seuser", "unsafe_writes",
            "ca_cert", "check_hostname", "client_cert", "client_key", "connect_timeout", "check_implicit_admin",
            "others"); // replace's "every file module argument": mode, owner, group and backup are runbook's arguments
    static final Map<String, String> DIFFERENT_DEFAULTS = Map.of(
            "apt_repository.mode", "Ansible documents 0644 as the effect; the argument itself defaults to none in both",
            "package_facts.manager", "runbook reads dpkg's and rpm's databases only; auto is the default in both",
            "include_vars.hash_behaviour", "none (replace) in both; Ansible prints the config default",
            "mysql_variables.login_user", "none: the client's option files decide in both",
            "mysql_variables.login_port", "none: the client's default (3306) in both",
            "mysql_variables.config_file", "none: the client's own option files; Ansible names ~/.my.cnf, which the client reads too",
            "mysql_variables.login_host", "none: the local socket; Ansible's localhost is the socket too");

    @ParameterizedTest
    @ValueSource(strings = {"ansible.builtin.replace", "community.general.ini_file", "ansible.builtin.tempfile",
            "ansible.builtin.include_vars", "ansible.builtin.script", "ansible.builtin.raw", "ansible.builtin.apt_repository",
            "ansible.builtin.package_facts", "community.mysql.mysql_variables"})
    void everyAnsibleArgumentBindsWithTheSameDefault(String fqcn) throws Exception {
        DebianPackages.ensure("/usr/bin/ansible-community", "ansible");
        Module module = ModuleRegistry.builtins().find(fqcn).orElseThrow();
        Process p = new ProcessBuilder("ansible-doc", "-j", fqcn).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        JsonNode options = new ObjectMapper().readTree(out).path(fqcn).path("doc").path("options");
        assertThat(options.size()).as("ansible-doc lists options").isGreaterThan(0);
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> o = it.next();
            if (NOT_SUPPORTED.contains(o.getKey()) || o.getKey().equals("free_form") || o.getKey().equals("free-form") || o.getKey().startsWith("login_ssl")) {
                continue;
            }
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
            String theirs = AnsibleArgumentsTest.normalise(o.getValue().get("default"));
            String mine = AnsibleArgumentsTest.normalise(ours.defaultValue());
            if (!theirs.equals(mine) && !DIFFERENT_DEFAULTS.containsKey(module.name() + "." + o.getKey())) {
                problems.add(o.getKey() + ": default " + mine + ", Ansible's " + theirs);
            }
        }
        assertThat(problems).isEmpty();
    }
}
