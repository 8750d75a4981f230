package dev.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.testing.RealAnsible;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ansible.cfg found and read where and as Ansible does; flags win; the real ansible-config agrees. */
class AnsibleConfigTest {
    @TempDir
    Path dir;

    private Cli.Result runbook(Map<String, String> env, String... args) {
        return Cli.run(Cli.env(dir, env, null), args);
    }

    /** "DEFAULT_FORKS(/x/ansible.cfg) = 7" lines of ansible-config dump --only-changed, by name. */
    private Map<String, String> ansibleConfig(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("ANSIBLE_CONFIG", "");
        Map<String, String> out = new HashMap<>();
        RealAnsible.run(dir, all, null, "ansible-config", "dump", "--only-changed").requireOk().out().lines().forEach(l -> {
            int eq = l.indexOf(" = ");
            if (eq > 0) {
                out.put(l.substring(0, eq), l.substring(eq + 3));
            }
        });
        return out;
    }

    @Test
    void theFileInTheWorkingDirectoryAndTheEnvironmentAsAnsibleReadsThem() throws Exception {
        Files.writeString(dir.resolve("ansible.cfg"), """
                # a comment
                [defaults]
                forks = 7 ; seven
                inventory = ./inv,other
                remote_user: deploy
                vault_password_file = secrets/pw

                [ssh_connection]
                ssh_args = -o ControlMaster=auto
                """);
        Map<String, String> theirs = ansibleConfig(Map.of());
        Path cfg = dir.resolve("ansible.cfg");
        assertThat(theirs).containsEntry("DEFAULT_FORKS(" + cfg + ")", "7")
                .containsEntry("DEFAULT_HOST_LIST(" + cfg + ")", "['" + dir.resolve("inv") + "', '" + dir.resolve("other") + "']")
                .containsEntry("DEFAULT_REMOTE_USER(" + cfg + ")", "deploy");
        Cli.Result r = runbook(Map.of(), "config");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("config file: " + cfg + "\n")
                .containsPattern("forks +7   \\[" + cfg + ":3\\]")
                .containsPattern("inventory +" + dir.resolve("inv") + "," + dir.resolve("other") + "   \\[" + cfg + ":4\\]")
                .containsPattern("remote_user +deploy   \\[" + cfg + ":5\\]")
                .containsPattern("vault_password_file +" + dir.resolve("secrets/pw") + "   \\[" + cfg + ":6\\]")
                .containsPattern("ssh_args +-o ControlMaster=auto   \\[" + cfg + ":9\\]")
                .containsPattern("timeout +\\(not set\\)");
        Map<String, String> env = Map.of("ANSIBLE_FORKS", "9");
        assertThat(ansibleConfig(env)).containsEntry("DEFAULT_FORKS(env: ANSIBLE_FORKS)", "9");
        assertThat(runbook(env, "config").out()).containsPattern("forks +9   \\[env ANSIBLE_FORKS\\]");
    }

    @Test
    void ansibleConfigMayNameADirectoryAndHomeIsLookedInLast() throws Exception {
        Path confDir = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(confDir.resolve("ansible.cfg"), "[defaults]\nforks = 3\n");
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve(".ansible.cfg"), "[defaults]\nforks = 4\n");
        Map<String, String> viaEnv = Map.of("ANSIBLE_CONFIG", confDir.toString(), "HOME", home.toString());
        assertThat(ansibleConfig(viaEnv)).containsEntry("DEFAULT_FORKS(" + confDir.resolve("ansible.cfg") + ")", "3");
        assertThat(runbook(viaEnv, "config").out()).containsPattern("forks +3   \\[" + confDir.resolve("ansible.cfg") + ":2\\]");
        Map<String, String> homeOnly = Map.of("HOME", home.toString());
        assertThat(runbook(homeOnly, "config").out()).startsWith("config file: " + home.resolve(".ansible.cfg"));
    }

    @Test
    void aBadValueIsNamedWithItsLine() throws Exception {
        Files.writeString(dir.resolve("ansible.cfg"), "[defaults]\n\nforks = many\n");
        Cli.Result r = runbook(Map.of(), "config");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains(dir.resolve("ansible.cfg") + ":3:1: error: forks must be a whole number, not 'many'");
        Files.writeString(dir.resolve("ansible.cfg"), "forks = 2\n");
        assertThat(runbook(Map.of(), "config").err()).contains(":1:1: error: 'forks = 2' comes before any [section]");
    }

    @Test
    void aRunTakesInventoryVaultPasswordRemoteUserAndForksFromTheFileAndFlagsWin() throws Exception {
        Files.createDirectories(dir.resolve("inv/group_vars"));
        Files.writeString(dir.resolve("inv/hosts"), "[app]\nlocalhost ansible_connection=local\n");
        Files.writeString(dir.resolve("pw"), "cfg-pass\n");
        Files.writeString(dir.resolve("ansible.cfg"), "[defaults]\ninventory = inv\nvault_password_file = pw\n"
                + "remote_user = deploy\nforks = 0\n");
        var vault = dev.runbook.vault.Vault.of(new dev.runbook.vault.VaultPasswords(null, false)
                .load(java.util.List.of(dir.resolve("pw").toString()), java.util.List.of(), false));
        Files.writeString(dir.resolve("inv/group_vars/app.yml"), "token: !vault |\n  "
                + vault.encrypt("cfg-token-value".getBytes(), null).replace("\n", "\n  ") + "\n");
        Files.writeString(dir.resolve("site.yml"), """
                runbook: cfg
                hosts: app
                steps:
                  show:
                    tasks:
                      - debug:
                          msg: "user={{ ansible_user }} token={{ token | length }}"
                """);
        String site = dir.resolve("site.yml").toString();
        Cli.Result zero = runbook(Map.of(), "apply", site);
        assertThat(zero.exit()).isEqualTo(4);
        assertThat(zero.err()).contains("--forks must be at least 1, not 0 (from " + dir.resolve("ansible.cfg") + ":5)");
        Cli.Result r = runbook(Map.of(), "apply", site, "-f", "2");
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("user=deploy token=15").doesNotContain("cfg-token-value");
        Cli.Result list = runbook(Map.of(), "inventory", "--list");
        assertThat(list.out()).contains("\"localhost\"").contains("__ansible_vault");
    }

    @Test
    void hostKeyCheckingFalseTurnsCheckingOffUnlessTheFlagSaysOtherwise() throws Exception {
        Files.writeString(dir.resolve("ansible.cfg"), "[defaults]\nhost_key_checking = False\n");
        CliContext ctx = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                Terminal.PLAIN, Cli.env(dir, Map.of(), null));
        RunOptions options = new RunOptions();
        assertThat(new RunSettings(ctx, options).hostKeyChecking()).isEqualTo(RunOptions.HostKeyChecking.off);
        options.hostKeyChecking = RunOptions.HostKeyChecking.accept_new;
        assertThat(new RunSettings(ctx, options).hostKeyChecking()).isEqualTo(RunOptions.HostKeyChecking.accept_new);
        Files.writeString(dir.resolve("ansible.cfg"), "[defaults]\nhost_key_checking = maybe\n");
        assertThat(runbook(Map.of(), "config").err()).contains(
                "ansible.cfg:2:1: error: host_key_checking must be true or false, not 'maybe' — write True or False");
    }
}
