package dev.runbook.modules.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.Connection;
import dev.runbook.connection.ReadOnlyConnection;
import dev.runbook.connection.ssh.HostKeyPolicy;
import dev.runbook.connection.ssh.SshConnector;
import dev.runbook.connection.ssh.SshTarget;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.SystemdContainer;
import dev.runbook.testing.TestModuleContext;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * hostname, timezone, sysctl and mount on a real Debian machine running systemd (a network-less
 * systemd-nspawn container, its own hostname, clock settings, network namespace and mounts),
 * over real OpenSSH: the plan predicts, apply does it, a second apply and plan find nothing to do.
 */
@Timeout(300)
class HostModulesTest {
    static SystemdContainer box;
    static SshConnector connector;
    static Connection ssh;

    @BeforeAll
    static void boot() throws Exception {
        box = SystemdContainer.start();
        connector = new SshConnector(box.knownHosts(), HostKeyPolicy.STRICT, box.root().resolve("no-ssh-config"));
        ssh = connector.open(new SshTarget("box", "127.0.0.1", box.port(), "root", List.of(box.clientKey()), null, null, null,
                Duration.ofSeconds(10)), false);
    }

    @AfterAll
    static void stop() {
        if (ssh != null) {
            ssh.close();
        }
        if (connector != null) {
            connector.close();
        }
        if (box != null) {
            box.close();
        }
    }

    static Args args(Module m, Map<String, Object> raw) {
        return TestModuleContext.args(m, raw);
    }

    /** Plan, apply, apply again, plan again; returns the first apply. */
    static ModuleResult converge(Module m, Map<String, Object> raw, String expectedPlan) throws Exception {
        Args a = args(m, raw);
        Change planned = m.check(new TestModuleContext(new ReadOnlyConnection(ssh)).checkMode(true), a);
        assertThat(planned.kind().isChange()).as(planned.summary()).isTrue();
        assertThat(planned.summary()).isEqualTo(expectedPlan);
        ModuleResult first = m.apply(new TestModuleContext(ssh), a);
        assertThat(first.changed()).isTrue();
        assertThat(first.diff()).isEqualTo(planned.diff());
        ModuleResult second = m.apply(new TestModuleContext(ssh), a);
        assertThat(second.changed()).as(second.msg()).isFalse();
        Change again = m.check(new TestModuleContext(new ReadOnlyConnection(ssh)).checkMode(true), a);
        assertThat(again.kind()).as(again.summary()).isEqualTo(ChangeKind.NONE);
        if (planned.result() != null) {
            Map<String, Object> expected = new LinkedHashMap<>(first.data());
            expected.put("changed", true);
            assertThat(planned.result()).isEqualTo(expected);
        }
        return first;
    }

    @Test
    void hostnameSetsTheRunningAndThePermanentName() throws Exception {
        Hostname m = new Hostname();
        ModuleResult r = converge(m, Map.of("name", "web-01.shop.test"),
                "would set the running and permanent host name to web-01.shop.test (was " + SystemdContainer.HOSTNAME + ")");
        assertThat(box.exec("cat", "/proc/sys/kernel/hostname").strip()).isEqualTo("web-01.shop.test");
        assertThat(Files.readString(box.root().resolve("etc/hostname")).strip()).isEqualTo("web-01.shop.test");
        assertThat(r.diff()).contains("-hostname = " + SystemdContainer.HOSTNAME).contains("+hostname = web-01.shop.test");
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = (Map<String, Object>) r.data().get("ansible_facts");
        assertThat(facts).containsEntry("ansible_hostname", "web-01").containsEntry("ansible_nodename", "web-01.shop.test");
        converge(m, Map.of("name", SystemdContainer.HOSTNAME),
                "would set the running and permanent host name to " + SystemdContainer.HOSTNAME + " (was web-01.shop.test)");
    }

    @Test
    void timezoneIsSetWithTimedatectl() throws Exception {
        Timezone m = new Timezone();
        ModuleResult r = converge(m, Map.of("name", "Europe/Berlin"), "would set the time zone to Europe/Berlin (was Etc/UTC)");
        assertThat(box.exec("readlink", "/etc/localtime").strip()).endsWith("zoneinfo/Europe/Berlin");
        assertThat(box.exec("date", "+%Z").strip()).isIn("CET", "CEST");
        assertThat(r.diff()).contains("-name = Etc/UTC").contains("+name = Europe/Berlin");
        assertThatThrownBy(() -> m.apply(new TestModuleContext(ssh), args(m, Map.of("name", "Mars/Olympus"))))
                .isInstanceOf(ModuleException.class).hasMessageStartingWith("no time zone Mars/Olympus on box");
        converge(m, Map.of("name", "Etc/UTC"), "would set the time zone to Etc/UTC (was Europe/Berlin)");
    }

    @Test
    void withoutSystemdTheFilesAreWrittenAndTheToolsRun() throws Exception {
        Map<String, Object> sysv = Map.of("service_mgr", "sysvinit");
        Hostname hostname = new Hostname();
        Args plain = args(hostname, Map.of("name", "plain-01"));
        assertThat(hostname.check(new TestModuleContext(new ReadOnlyConnection(ssh)).checkMode(true).facts(sysv), plain).summary())
                .isEqualTo("would set the running and permanent host name to plain-01 (was " + SystemdContainer.HOSTNAME + ")");
        assertThat(hostname.apply(new TestModuleContext(ssh).facts(sysv), plain).changed()).isTrue();
        assertThat(box.exec("cat", "/proc/sys/kernel/hostname").strip()).isEqualTo("plain-01");
        assertThat(Files.readString(box.root().resolve("etc/hostname"))).isEqualTo("plain-01\n");
        assertThat(hostname.apply(new TestModuleContext(ssh).facts(sysv), plain).changed()).isFalse();
        hostname.apply(new TestModuleContext(ssh).facts(sysv), args(hostname, Map.of("name", SystemdContainer.HOSTNAME)));

        Timezone timezone = new Timezone();
        Args ny = args(timezone, Map.of("name", "America/New_York"));
        assertThat(timezone.apply(new TestModuleContext(ssh).facts(sysv), ny).changed()).isTrue();
        assertThat(box.exec("readlink", "/etc/localtime").strip()).isEqualTo("/usr/share/zoneinfo/America/New_York");
        assertThat(Files.readString(box.root().resolve("etc/timezone"))).isEqualTo("America/New_York\n");
        assertThat(timezone.apply(new TestModuleContext(ssh).facts(sysv), ny).changed()).isFalse();
        timezone.apply(new TestModuleContext(ssh).facts(sysv), args(timezone, Map.of("name", "Etc/UTC")));
    }

    @Test
    void sysctlWritesTheFileAndLoadsIt() throws Exception {
        Sysctl m = new Sysctl();
        box.exec("sysctl", "-w", "net.ipv4.ip_forward=0");
        ModuleResult r = converge(m, Map.of("name", "net.ipv4.ip_forward", "value", "1", "sysctl_file", "/etc/sysctl.d/60-rbtest.conf"),
                "would write net.ipv4.ip_forward=1 to /etc/sysctl.d/60-rbtest.conf, then load /etc/sysctl.d/60-rbtest.conf (sysctl -p)");
        assertThat(box.exec("sysctl", "-n", "net.ipv4.ip_forward").strip()).isEqualTo("1");
        assertThat(Files.readString(box.root().resolve("etc/sysctl.d/60-rbtest.conf"))).isEqualTo("net.ipv4.ip_forward=1\n");
        assertThat(r.diff()).contains("+net.ipv4.ip_forward=1");

        // the file is right but the running value drifted: reload puts it back
        box.exec("sysctl", "-w", "net.ipv4.ip_forward=0");
        converge(m, Map.of("name", "net.ipv4.ip_forward", "value", true, "sysctl_file", "/etc/sysctl.d/60-rbtest.conf"),
                "would load /etc/sysctl.d/60-rbtest.conf (sysctl -p)");
        assertThat(box.exec("sysctl", "-n", "net.ipv4.ip_forward").strip()).isEqualTo("1");

        // sysctl_set without reload: the running value only, then absent takes the line out
        converge(m, Map.of("name", "net.ipv4.ip_forward", "value", 0, "sysctl_file", "/etc/sysctl.d/60-rbtest.conf",
                        "sysctl_set", true, "reload", false),
                "would set net.ipv4.ip_forward to 0 now (was 1), then write net.ipv4.ip_forward=0 to /etc/sysctl.d/60-rbtest.conf");
        assertThat(box.exec("sysctl", "-n", "net.ipv4.ip_forward").strip()).isEqualTo("0");
        converge(m, Map.of("name", "net.ipv4.ip_forward", "state", "absent", "sysctl_file", "/etc/sysctl.d/60-rbtest.conf"),
                "would remove net.ipv4.ip_forward from /etc/sysctl.d/60-rbtest.conf, then load /etc/sysctl.d/60-rbtest.conf (sysctl -p)");
        assertThat(Files.readString(box.root().resolve("etc/sysctl.d/60-rbtest.conf"))).isEmpty();
    }

    @Test
    void sysctlFailsOnAKeyTheKernelDoesNotHaveUnlessTold() throws Exception {
        Sysctl m = new Sysctl();
        Map<String, Object> raw = Map.of("name", "net.rbtest.nothing", "value", "1", "sysctl_file", "/etc/sysctl.d/61-rbtest.conf");
        assertThatThrownBy(() -> m.apply(new TestModuleContext(ssh), args(m, raw)))
                .isInstanceOf(ModuleException.class).hasMessageStartingWith("Failed to reload sysctl: ");
        Map<String, Object> ignoring = new LinkedHashMap<>(raw);
        ignoring.put("name", "net.rbtest.other");
        ignoring.put("ignoreerrors", true);
        assertThat(m.apply(new TestModuleContext(ssh), args(m, ignoring)).changed()).isTrue();
        assertThat(m.apply(new TestModuleContext(ssh), args(m, ignoring)).changed()).isFalse();
    }

    @Test
    void mountThroughEveryState() throws Exception {
        Mount m = new Mount();
        String fstab = Files.readString(box.root().resolve("etc/fstab"));
        Map<String, Object> tmpfs = Map.of("path", "/mnt/rb cache", "src", "tmpfs", "fstype", "tmpfs", "opts", "size=1m", "state", "mounted");
        ModuleResult r = converge(m, tmpfs, "would write /mnt/rb cache to /etc/fstab, mount tmpfs on /mnt/rb cache");
        assertThat(Files.readString(box.root().resolve("etc/fstab"))).isEqualTo(fstab + "tmpfs /mnt/rb\\040cache tmpfs size=1m 0 0\n");
        assertThat(box.exec("findmnt", "-n", "-o", "FSTYPE,OPTIONS", "/mnt/rb cache")).contains("tmpfs").contains("size=1024k");
        assertThat(r.data()).containsEntry("name", "/mnt/rb cache").containsEntry("opts", "size=1m").containsEntry("boot", "yes");

        Map<String, Object> bigger = new LinkedHashMap<>(tmpfs);
        bigger.put("opts", "size=2m");
        converge(m, bigger, "would write /mnt/rb cache to /etc/fstab, remount /mnt/rb cache");
        assertThat(box.exec("findmnt", "-n", "-o", "OPTIONS", "/mnt/rb cache")).contains("size=2048k");

        converge(m, Map.of("path", "/mnt/rb cache", "state", "unmounted"), "would unmount /mnt/rb cache");
        assertThat(box.tryExec("findmnt", "/mnt/rb cache")).isEmpty();
        assertThat(Files.readString(box.root().resolve("etc/fstab"))).contains("/mnt/rb\\040cache");

        assertThatThrownBy(() -> m.apply(new TestModuleContext(ssh), args(m, Map.of("path", "/mnt/rb cache", "state", "remounted"))))
                .isInstanceOf(ModuleException.class).hasMessageStartingWith("Error unmounting /mnt/rb cache");
        assertThat(m.apply(new TestModuleContext(ssh), args(m, bigger)).changed()).isTrue();
        Args remounted = args(m, Map.of("path", "/mnt/rb cache", "state", "remounted"));
        assertThat(m.apply(new TestModuleContext(ssh), remounted).changed()).isTrue();
        assertThat(m.apply(new TestModuleContext(ssh), remounted).changed()).isTrue();

        converge(m, Map.of("path", "/mnt/rb cache", "state", "absent"),
                "would remove /mnt/rb cache from /etc/fstab, unmount /mnt/rb cache, remove the mount point /mnt/rb cache");
        assertThat(Files.readString(box.root().resolve("etc/fstab"))).isEqualTo(fstab);
        assertThat(box.root().resolve("mnt/rb cache")).doesNotExist();
    }

    @Test
    void presentOnlyWritesFstabAndBootFalseIsNoauto() throws Exception {
        Mount m = new Mount();
        Map<String, Object> raw = Map.of("path", "/srv/rbdata", "src", "LABEL=rbdata", "fstype", "ext4", "boot", false,
                "state", "present", "fstab", "/etc/rbtest.fstab");
        ModuleResult r = converge(m, raw, "would write /srv/rbdata to /etc/rbtest.fstab");
        assertThat(Files.readString(box.root().resolve("etc/rbtest.fstab"))).isEqualTo("LABEL=rbdata /srv/rbdata ext4 noauto 0 0\n");
        assertThat(r.data()).containsEntry("opts", "noauto").containsEntry("boot", "no");
        assertThat(box.root().resolve("srv/rbdata")).doesNotExist();
        converge(m, Map.of("path", "/srv/rbdata", "state", "absent_from_fstab", "fstab", "/etc/rbtest.fstab"),
                "would remove /srv/rbdata from /etc/rbtest.fstab");
    }

    @Test
    void ephemeralMountsWithoutFstab() throws Exception {
        Mount m = new Mount();
        String fstab = Files.readString(box.root().resolve("etc/fstab"));
        converge(m, Map.of("path", "/mnt/rbeph", "src", "tmpfs", "fstype", "tmpfs", "opts", "size=1m", "state", "ephemeral"),
                "would mount tmpfs on /mnt/rbeph");
        assertThat(box.exec("findmnt", "-n", "-o", "FSTYPE", "/mnt/rbeph").strip()).isEqualTo("tmpfs");
        assertThat(Files.readString(box.root().resolve("etc/fstab"))).isEqualTo(fstab);
        box.exec("umount", "/mnt/rbeph");
    }
}
