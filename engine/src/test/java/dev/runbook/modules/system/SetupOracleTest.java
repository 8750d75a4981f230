package dev.runbook.modules.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.connection.local.LocalConnection;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.RealAnsible;
import dev.runbook.testing.TestModuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * setup against the real thing: ansible-core's setup module run on this machine is the oracle for
 * the facts roles read most; runbook's setup on the same machine must give the same values.
 */
class SetupOracleTest {
    /** Facts that do not change between two gatherings a second apart. */
    static final List<String> SAME = List.of("ansible_distribution", "ansible_distribution_version", "ansible_distribution_major_version",
            "ansible_distribution_minor_version", "ansible_distribution_release", "ansible_os_family", "ansible_system", "ansible_kernel",
            "ansible_kernel_version", "ansible_architecture", "ansible_machine", "ansible_hostname", "ansible_nodename", "ansible_fqdn",
            "ansible_domain", "ansible_pkg_mgr", "ansible_service_mgr", "ansible_user_id", "ansible_user_uid", "ansible_user_gid",
            "ansible_user_gecos", "ansible_user_dir", "ansible_user_shell", "ansible_real_user_id", "ansible_effective_user_id",
            "ansible_real_group_id", "ansible_effective_group_id", "ansible_machine_id", "ansible_memtotal_mb", "ansible_swaptotal_mb",
            "ansible_processor", "ansible_processor_count", "ansible_processor_cores", "ansible_processor_threads_per_core",
            "ansible_processor_vcpus", "ansible_processor_nproc", "ansible_default_ipv4", "ansible_all_ipv4_addresses", "ansible_dns");
    static Map<String, Object> ansible;
    @TempDir
    static Path dir;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void oracle() throws Exception {
        Path inventory = Files.writeString(dir.resolve("hosts"), "localhost ansible_connection=local\n");
        String out = RealAnsible.run(dir, Map.of(), null, "ansible", "localhost", "-i", inventory.toString(), "-m", "setup")
                .requireOk().out();
        Map<String, Object> reply = new ObjectMapper().readValue(out.substring(out.indexOf('{')), Map.class);
        ansible = (Map<String, Object>) reply.get("ansible_facts");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> ours(Map<String, Object> args) throws Exception {
        Setup setup = Setup.setup();
        ModuleResult r = setup.apply(new TestModuleContext(new LocalConnection("localhost")), TestModuleContext.args(setup, args));
        assertThat(r.changed()).isFalse();
        return (Map<String, Object>) r.data().get("ansible_facts");
    }

    @Test
    void theFactsRolesReadAreAnsibles() throws Exception {
        Map<String, Object> ours = ours(Map.of());
        int compared = 0;
        for (String name : SAME) {
            if (ansible.containsKey(name) || ours.containsKey(name)) {
                assertThat(normal(ours.get(name))).as(name).isEqualTo(normal(ansible.get(name)));
                compared++;
            }
        }
        // only distribution_minor_version may be missing (a distribution version without a dot)
        assertThat(compared).isGreaterThanOrEqualTo(SAME.size() - 1);
        assertThat(new HashSet<>((List<?>) ours.get("ansible_interfaces"))).isEqualTo(new HashSet<>((List<?>) ansible.get("ansible_interfaces")));
        long free = ((Number) ours.get("ansible_memfree_mb")).longValue();
        assertThat(free).isPositive().isLessThanOrEqualTo(((Number) ours.get("ansible_memtotal_mb")).longValue());
        assertThat(ours).containsEntry("module_setup", true).containsEntry("gather_subset", List.of("all"));
    }

    @Test
    void subsetsAndFiltersAsAnsible() throws Exception {
        Map<String, Object> min = ours(Map.of("gather_subset", List.of("!all")));
        assertThat(min).containsKey("ansible_distribution").doesNotContainKey("ansible_memtotal_mb").doesNotContainKey("ansible_default_ipv4");
        Map<String, Object> noNetwork = ours(Map.of("gather_subset", "!network"));
        assertThat(noNetwork).containsKey("ansible_memtotal_mb").doesNotContainKey("ansible_default_ipv4");
        Map<String, Object> filtered = ours(Map.of("filter", List.of("ansible_distribution*")));
        assertThat(filtered.keySet()).allMatch(k -> k.startsWith("ansible_distribution") || k.equals("gather_subset")
                || k.equals("module_setup")).contains("ansible_distribution_major_version");
    }

    @Test
    void localFactsFromJsonIniAndScripts() throws Exception {
        Path facts = Files.createDirectories(dir.resolve("facts.d"));
        Files.writeString(facts.resolve("shop.fact"), "{\"version\": \"4.0.2.3\", \"stores\": 2}");
        Files.writeString(facts.resolve("site.fact"), "[general]\nName = main\nlevel: 3\n");
        Path script = Files.writeString(facts.resolve("live.fact"), "#!/bin/sh\necho '{\"up\": true}'\n");
        script.toFile().setExecutable(true);
        Map<String, Object> ours = ours(Map.of("fact_path", facts.toString(), "gather_subset", "min"));
        assertThat(ours.get("ansible_local")).isEqualTo(Map.of("shop", Map.of("version", "4.0.2.3", "stores", 2),
                "site", Map.of("general", Map.of("name", "main", "level", "3")), "live", Map.of("up", true)));
    }

    /** Numbers compared by value (Ansible's JSON has ints where we may have longs). */
    static Object normal(Object v) throws Exception {
        return v == null ? null : new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(v));
    }
}
