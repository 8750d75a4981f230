package dev.runbook.modules.system;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * systemd_service, systemd and service against a real systemd: a booted, network-less
 * systemd-nspawn container reached over real OpenSSH. For each: the plan predicts, apply does
 * it, a second apply and a second plan have nothing to do.
 */
@Timeout(300)
class SystemdTest {
    static SystemdContainer box;
    static SshConnector connector;
    static Connection ssh;
    final Systemd module = Systemd.systemdService();

    @BeforeAll
    static void boot() throws Exception {
        box = SystemdContainer.start();
        connector = new SshConnector(box.knownHosts(), HostKeyPolicy.STRICT, box.root().resolve("no-ssh-config"));
        ssh = connector.open(new SshTarget("box", "127.0.0.1", box.port(), "root", List.of(box.clientKey()), null, null, null,
                Duration.ofSeconds(10)), false);
        unit("rbtest-sleep", "[Unit]\nDescription=runbook test\n[Service]\nExecStart=/bin/sleep infinity\n"
                + "ExecReload=/bin/true\n[Install]\nWantedBy=multi-user.target\n");
        unit("rbtest-static", "[Service]\nExecStart=/bin/sleep infinity\n");
        unit("rbtest-broken", "[Service]\nType=oneshot\nExecStart=/bin/false\n");
        box.exec("systemctl", "daemon-reload");
    }

    static void unit(String name, String text) throws Exception {
        Files.writeString(box.root().resolve("etc/systemd/system/" + name + ".service"), text);
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

    static TestModuleContext live() {
        return new TestModuleContext(ssh);
    }

    static TestModuleContext plan() {
        return new TestModuleContext(new ReadOnlyConnection(ssh)).checkMode(true);
    }

    Args args(Module m, Map<String, Object> raw) {
        return TestModuleContext.args(m, raw);
    }

    /** Plan, apply, apply again, plan again: the first two change, the last two do not. */
    ModuleResult converge(Module m, Map<String, Object> raw, String expectedPlan) throws Exception {
        Args a = args(m, raw);
        Change planned = m.check(plan(), a);
        assertThat(planned.kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(planned.summary()).isEqualTo(expectedPlan);
        ModuleResult first = m.apply(live(), a);
        assertThat(first.changed()).isTrue();
        assertThat(planned.result()).isNotNull();
        assertThat(first.data()).containsAllEntriesOf(Map.of("name", planned.result().get("name"),
                "actions", planned.result().get("actions"), "state", planned.result().get("state")));
        assertThat(m.apply(live(), a).changed()).isFalse();
        assertThat(m.check(plan(), a).kind()).isEqualTo(ChangeKind.NONE);
        return first;
    }

    String active(String unit) {
        return box.tryExec("systemctl", "is-active", unit).strip();
    }

    String enabled(String unit) {
        return box.tryExec("systemctl", "is-enabled", unit).strip();
    }

    @Test
    void startedAndEnabledThenStoppedAndDisabled() throws Exception {
        ModuleResult up = converge(module, Map.of("name", "rbtest-sleep", "state", "started", "enabled", true),
                "would enable, start rbtest-sleep");
        assertThat(up.data()).containsEntry("enabled", true).containsEntry("state", "started")
                .containsEntry("actions", List.of("enable", "start"));
        @SuppressWarnings("unchecked")
        Map<String, String> status = (Map<String, String>) up.data().get("status");
        assertThat(status).containsEntry("ActiveState", "inactive").containsEntry("UnitFileState", "disabled")
                .containsEntry("Id", "rbtest-sleep.service"); // as before the change, as in Ansible
        assertThat(active("rbtest-sleep")).isEqualTo("active");
        assertThat(enabled("rbtest-sleep")).isEqualTo("enabled");

        converge(module, Map.of("name", "rbtest-sleep.service", "state", "stopped", "enabled", false),
                "would disable, stop rbtest-sleep.service");
        assertThat(active("rbtest-sleep")).isEqualTo("inactive");
        assertThat(enabled("rbtest-sleep")).isEqualTo("disabled");
    }

    @Test
    void restartedAndReloadedAlwaysActAndStartAStoppedUnit() throws Exception {
        box.tryExec("systemctl", "stop", "rbtest-sleep");
        Args restarted = args(module, Map.of("name", "rbtest-sleep", "state", "restarted"));
        assertThat(module.check(plan(), restarted).summary()).isEqualTo("would start rbtest-sleep");
        assertThat(module.apply(live(), restarted).data()).containsEntry("actions", List.of("start"));
        String pid = box.exec("systemctl", "show", "-p", "MainPID", "--value", "rbtest-sleep").strip();
        assertThat(module.check(plan(), restarted).summary()).isEqualTo("would restart rbtest-sleep");
        assertThat(module.apply(live(), restarted).changed()).isTrue();
        assertThat(box.exec("systemctl", "show", "-p", "MainPID", "--value", "rbtest-sleep").strip()).isNotEqualTo(pid);
        ModuleResult reloaded = module.apply(live(), args(module, Map.of("name", "rbtest-sleep", "state", "reloaded")));
        assertThat(reloaded.data()).containsEntry("actions", List.of("reload")).containsEntry("state", "started");
        module.apply(live(), args(module, Map.of("name", "rbtest-sleep", "state", "stopped")));
    }

    @Test
    void maskedAndUnmaskedEvenBeforeTheUnitExists() throws Exception {
        converge(module, Map.of("name", "rbtest-later", "masked", true), "would mask rbtest-later");
        assertThat(enabled("rbtest-later")).isEqualTo("masked");
        converge(module, Map.of("name", "rbtest-later", "masked", false), "would unmask rbtest-later");
        assertThat(enabled("rbtest-later")).isNotEqualTo("masked");
    }

    @Test
    void aStaticUnitIsNotDisabledOverAndOver() throws Exception {
        Args disable = args(module, Map.of("name", "rbtest-static", "enabled", false));
        Change c = module.check(plan(), disable);
        assertThat(c.kind()).isEqualTo(ChangeKind.NONE);
        assertThat(c.summary()).isEqualTo("rbtest-static is stopped, static");
        assertThat(module.apply(live(), disable).changed()).isFalse();
    }

    @Test
    void serviceUsesTheSameSystemdCode() throws Exception {
        Service service = new Service();
        ModuleResult r = converge(service, Map.of("name", "rbtest-sleep", "state", "started"), "would start rbtest-sleep");
        assertThat(r.data()).containsKey("status").containsEntry("actions", List.of("start"));
        service.apply(live(), args(service, Map.of("name", "rbtest-sleep", "state", "stopped")));
        assertThat(active("rbtest-sleep")).isEqualTo("inactive");
    }

    @Test
    void daemonReloadPicksUpAChangedUnitFile() throws Exception {
        unit("rbtest-new", "[Service]\nExecStart=/bin/sleep infinity\n[Install]\nWantedBy=multi-user.target\n");
        ModuleResult r = Systemd.systemd().apply(live(), args(Systemd.systemd(),
                Map.of("name", "rbtest-new", "state", "started", "daemon_reload", true)));
        assertThat(r.changed()).isTrue();
        assertThat(active("rbtest-new")).isEqualTo("active");
        box.exec("systemctl", "stop", "rbtest-new");
    }

    @Test
    void failuresAreAnsiblesMessages() throws Exception {
        assertThatThrownBy(() -> module.apply(live(), args(module, Map.of("name", "rbtest-nothing", "state", "started"))))
                .isInstanceOf(ModuleException.class).hasMessage("Could not find the requested service rbtest-nothing: host");
        assertThat(module.check(plan(), args(module, Map.of("name", "rbtest-nothing", "state", "started"))).kind())
                .isEqualTo(ChangeKind.UNKNOWN);
        assertThatThrownBy(() -> module.apply(live(), args(module, Map.of("name", "rbtest-broken", "state", "started"))))
                .isInstanceOf(ModuleException.class).hasMessageStartingWith("Unable to start service rbtest-broken: ");
    }

    @Test
    void userScopeDrivesTheUsersOwnManager() throws Exception {
        // root's own service manager, as a login session starts it (user@.service needs PAM's logind module, not in this image)
        box.exec("mkdir", "-p", "-m", "0700", "/run/user/0");
        box.exec("systemd-run", "--unit=rbtest-user-manager", "--setenv=XDG_RUNTIME_DIR=/run/user/0", "/lib/systemd/systemd", "--user");
        dev.runbook.testing.Ports.await("root's user manager", java.time.Duration.ofSeconds(30), () -> box.tryExec("sh", "-c",
                "XDG_RUNTIME_DIR=/run/user/0 systemctl --user is-system-running").strip().matches("running|degraded"));
        Files.createDirectories(box.root().resolve("root/.config/systemd/user"));
        Files.writeString(box.root().resolve("root/.config/systemd/user/rbtest-mine.service"),
                "[Service]\nExecStart=/bin/sleep infinity\n[Install]\nWantedBy=default.target\n");
        Map<String, Object> raw = Map.of("name", "rbtest-mine", "scope", "user", "state", "started", "enabled", true,
                "daemon_reload", true);
        ModuleResult r = module.apply(live(), args(module, raw));
        assertThat(r.data()).containsEntry("actions", List.of("enable", "start"));
        assertThat(box.exec("sh", "-c", "XDG_RUNTIME_DIR=/run/user/0 systemctl --user is-active rbtest-mine").strip()).isEqualTo("active");
        assertThat(module.apply(live(), args(module, raw)).changed()).isFalse();
        assertThat(module.check(plan(), args(module, raw)).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(active("rbtest-mine")).isNotEqualTo("active"); // not a system unit
    }

    @Test
    void validationNamesWhatIsMissing() {
        assertThat(module.validate(args(module, Map.of("name", "x")))).containsExactly(
                "systemd_service needs one of state, enabled, masked, daemon_reload or daemon_reexec");
        assertThat(module.validate(args(module, Map.of("state", "started")))).containsExactly(
                "systemd_service needs name with state, enabled or masked");
        assertThat(module.validate(args(module, Map.of("name", "php*", "state", "started"))).get(0)).contains("glob");
        assertThat(module.validate(args(module, Map.of("daemon_reload", true)))).isEmpty();
    }
}
