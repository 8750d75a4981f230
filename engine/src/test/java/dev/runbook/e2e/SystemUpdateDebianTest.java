package dev.runbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.cli.Cli;
import dev.runbook.testing.DebianRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * runbooks/system/update.yml against a real Debian bookworm: a debootstrap'd root with its own
 * sshd, and two local apt repositories inside it (a regular suite and a security suite) holding
 * newer versions of packages built here. The tests run in order on one root, as one story:
 * security-only update, full update with reboot, then the apt and reboot modules' own edges.
 */
@Timeout(600)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemUpdateDebianTest {
    static final Path RUNBOOK = Path.of("../runbooks/system/update-hosts.yml").toAbsolutePath().normalize();
    static final String REBOOT_REQUIRED = "touch /var/run/reboot-required; echo rbtest-lib >> /var/run/reboot-required.pkgs";
    static DebianRoot target;
    static Path work;
    static DebRepo main;
    static DebRepo security;

    @BeforeAll
    static void start() throws IOException {
        target = DebianRoot.start();
        work = target.dir().resolve("work");
        Path build = work.resolve("build");
        main = new DebRepo(target.root().resolve("srv/repo/main"), "bookworm", build);
        security = new DebRepo(target.root().resolve("srv/repo/security"), "bookworm-security", build);
        // installed at 1.0; a regular update of rbtest-app, security updates of rbtest-lib and rbtest-held
        List<String> install = new ArrayList<>(List.of("dpkg", "-i"));
        for (String name : List.of("rbtest-app", "rbtest-lib", "rbtest-held")) {
            Path deb = main.add(name, "1.0", null);
            install.add("/" + target.root().relativize(deb));
        }
        target.chroot(install.toArray(String[]::new));
        target.chroot("apt-mark", "hold", "rbtest-held");
        main.add("rbtest-app", "1.1", null);
        security.add("rbtest-lib", "1.1", REBOOT_REQUIRED);
        security.add("rbtest-held", "1.1", null);
        Files.writeString(target.root().resolve("etc/apt/sources.list"),
                "deb [trusted=yes] file:/srv/repo/main ./\ndeb [trusted=yes] file:/srv/repo/security ./\n");
        target.chroot("apt-get", "-q", "update");
        Files.writeString(work.resolve("hosts.ini"), "[debian]\ntarget ansible_host=127.0.0.1 ansible_port=" + target.port()
                + " ansible_user=" + DebianRoot.USER + " ansible_ssh_private_key_file=" + target.clientKey() + "\n");
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    static Cli.Result runbook(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, RUNBOOK.toString(), "-i", work.resolve("hosts.ini").toString(),
                "--known-hosts", target.knownHosts().toString(), "--state-dir", work.resolve("state").toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    static String version(String name) throws IOException {
        Path file = target.root().resolve("usr/share/rbtest/" + name);
        return Files.exists(file) ? Files.readString(file).strip() : null;
    }

    static String dpkgStatus() throws IOException {
        return Files.readString(target.root().resolve("var/lib/dpkg/status"));
    }

    @Test
    @Order(1)
    void securityOnlyUpdateIsPlannedThenTouchesOnlySecurityPackagesInsideTheTarget() throws Exception {
        String before = dpkgStatus();
        Cli.Result plan = runbook("plan", "-e", "system_update_security_only=true");
        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out()).contains("would upgrade rbtest-lib 1.0 → 1.1").doesNotContain("rbtest-app 1.0").doesNotContain("rbtest-held 1.0");
        assertThat(dpkgStatus()).as("plan changes nothing").isEqualTo(before);

        Cli.Result apply = runbook("apply", "-e", "system_update_security_only=true");
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("upgraded rbtest-lib 1.0 → 1.1")
                .contains("upgraded: rbtest-lib; held: rbtest-held; reboot required: yes");
        assertThat(version("rbtest-lib")).isEqualTo("1.1");
        assertThat(version("rbtest-app")).as("not a security update").isEqualTo("1.0");
        assertThat(version("rbtest-held")).as("held").isEqualTo("1.0");
        assertThat(target.root().resolve("run/reboot-required")).exists();
        // the machine running the test is untouched
        assertThat(Path.of("/usr/share/rbtest/rbtest-lib")).doesNotExist();
        assertThat(DebRepo.run(List.of("sh", "-c", "dpkg-query -W 'rbtest-*' 2>/dev/null; true"), Path.of("/"))).isEmpty();

        Cli.Result again = runbook("apply", "-e", "system_update_security_only=true");
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("changed=0").contains("reboot required: yes");
    }

    @Test
    @Order(2)
    void fullUpdateUpgradesTheRestKeepsTheHeldPackageAndRebootsWhenRequired() throws Exception {
        // the target's "reboot": the test restarts its sshd and gives it a new boot id (see DebianRoot)
        String[] reboot = {"-e", "{\"system_update_reboot\": true, \"system_update_reboot_command\": \"echo reboot > /run/rbtest-power\", "
                + "\"system_update_boot_time_command\": \"cat /run/rbtest-boot-id\", \"system_update_reboot_timeout\": 60}"};
        Cli.Result plan = runbook("plan", reboot);
        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out()).contains("would upgrade rbtest-app 1.0 → 1.1").doesNotContain("rbtest-held 1.0");

        int boots = target.boots();
        Cli.Result apply = runbook("apply", reboot);
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("upgraded rbtest-app 1.0 → 1.1").contains("held: rbtest-held").contains("rebooted in");
        assertThat(version("rbtest-app")).isEqualTo("1.1");
        assertThat(version("rbtest-held")).isEqualTo("1.0");
        assertThat(target.boots()).as("the host went down and came back once").isEqualTo(boots + 1);
        assertThat(target.root().resolve("run/reboot-required")).doesNotExist();

        Cli.Result again = runbook("apply", reboot);
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("changed=0").contains("reboot required: no");
        assertThat(target.boots()).as("no reboot when none is required").isEqualTo(boots + 1);
        Cli.Result planAgain = runbook("plan", reboot);
        assertThat(planAgain.out()).contains("0 to create, 0 to change, 0 to remove");
    }

    static Cli.Result adHoc(String command, String yaml) throws IOException {
        Path file = work.resolve("adhoc.yml");
        Files.writeString(file, yaml);
        return Cli.run(command, file.toString(), "-i", work.resolve("hosts.ini").toString(), "--known-hosts",
                target.knownHosts().toString(), "--state-dir", work.resolve("state").toString());
    }

    @Test
    @Order(3)
    void aptInstallsADebFileOnceRefusesToMoveAHeldPackageAndRemovesWithPurge() throws Exception {
        Path deb = DebRepo.build(work.resolve("build"), "rbtest-tool", "2.0", null);
        Files.copy(deb, target.root().resolve("tmp/rbtest-tool_2.0_all.deb"));
        String install = """
                runbook: apt-deb
                hosts: all
                steps:
                  tool:
                    become: true
                    tasks:
                      - name: tool from a package file
                        ansible.builtin.apt: {deb: /tmp/rbtest-tool_2.0_all.deb, clean: true, force_apt_get: true}
                        register: tool
                      - name: nothing is broken
                        apt: {state: fixed}
                      - name: not installed, so not touched
                        apt: {name: rbtest-absent-tool, state: latest, only_upgrade: true}
                """;
        Cli.Result plan = adHoc("plan", install);
        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out()).contains("+ tool from a package file  — would install rbtest-tool (2.0)")
                .contains("= not installed, so not touched").contains("= nothing is broken");
        assertThat(version("rbtest-tool")).isNull();
        Cli.Result apply = adHoc("apply", install);
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        assertThat(version("rbtest-tool")).isEqualTo("2.0");
        assertThat(adHoc("apply", install).out()).contains("changed=0");

        Cli.Result notYet = adHoc("plan", """
                runbook: apt-deb-later
                hosts: all
                steps:
                  tool:
                    become: true
                    tasks:
                      - apt: {deb: /tmp/rbtest-later_1.0_all.deb}
                """);
        assertThat(notYet.exit()).as(notYet.out() + notYet.err()).isZero();
        assertThat(notYet.out()).contains("? apt  — would install the package in /tmp/rbtest-later_1.0_all.deb, which is not there yet");

        Cli.Result held = adHoc("apply", """
                runbook: apt-held
                hosts: all
                steps:
                  held:
                    become: true
                    tasks:
                      - apt: {name: rbtest-held, state: latest}
                """);
        assertThat(held.exit()).isEqualTo(2);
        assertThat(held.out()).contains("Held packages were changed");
        assertThat(version("rbtest-held")).isEqualTo("1.0");

        String remove = """
                runbook: apt-remove
                hosts: all
                steps:
                  remove:
                    become: true
                    tasks:
                      - apt: {name: rbtest-tool, state: absent, purge: true}
                """;
        assertThat(adHoc("plan", remove).out()).contains("- apt  — would remove rbtest-tool");
        Cli.Result removed = adHoc("apply", remove);
        assertThat(removed.exit()).as(removed.out() + removed.err()).isZero();
        assertThat(version("rbtest-tool")).isNull();
        // purged: dpkg keeps no record of it, not even its configuration files
        assertThat(target.chroot("sh", "-c", "dpkg-query -W rbtest-tool 2>&1; true")).contains("no packages found matching rbtest-tool");
        assertThat(adHoc("apply", remove).out()).contains("changed=0");
    }

    @Test
    @Order(4)
    void aRebootThatNeverComesBackFailsAtTheTimeout() throws Exception {
        String yaml = """
                runbook: reboot-halts
                hosts: all
                steps:
                  reboot:
                    become: true
                    tasks:
                      - reboot:
                          reboot_command: echo halt > /run/rbtest-power
                          boot_time_command: cat /run/rbtest-boot-id
                          reboot_timeout: 3
                """;
        assertThat(adHoc("plan", yaml).out()).contains("~ reboot  — would reboot and wait up to 3s for the host to come back");
        try {
            Cli.Result r = adHoc("apply", yaml);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).contains("the host did not come back within reboot_timeout (3s)");
        } finally {
            target.startSshd();
        }
    }

    @Test
    @Order(5)
    void theOpenCartUpgradesSystemUpdateStepUpgradesTheTargetAsRoot() throws Exception {
        // the step of runbooks/opencart/upgrade.yml, alone: the shop's own steps need PHP and a shop,
        // which this minimal root does not have; what preflight would decide is given with -e
        main.add("rbtest-app", "1.2", null);
        Path opencart = Path.of("../runbooks/opencart/upgrade.yml").toAbsolutePath().normalize();
        List<String> args = new ArrayList<>(List.of("apply", opencart.toString(), "-i", work.resolve("hosts.ini").toString(),
                "--known-hosts", target.knownHosts().toString(), "--state-dir", work.resolve("state").toString(),
                "--only", "system-update", "-e", "oc_upgrade=true", "-e", "system_update_cache_valid_time=0"));
        assertThat(Files.readString(work.resolve("hosts.ini"))).as("the inventory does not ask for become").doesNotContain("become");
        Cli.Result apply = Cli.run(args.toArray(String[]::new));
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).containsPattern("changed +target +system-update › Upgrade packages \\(apt\\)")
                .containsPattern("upgraded rbtest-app 1\\.[01] → 1\\.2");
        assertThat(version("rbtest-app")).isEqualTo("1.2");
        assertThat(version("rbtest-held")).as("held").isEqualTo("1.0");
        assertThat(Path.of("/usr/share/rbtest/rbtest-app")).as("the machine running the test is untouched").doesNotExist();
    }
}
