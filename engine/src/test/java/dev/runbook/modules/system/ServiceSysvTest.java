package dev.runbook.modules.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.TestModuleContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * service with a SysV init script of the test's own, in its own init directory, that starts a
 * real background process with a pidfile. The machine's /etc is never touched.
 */
class ServiceSysvTest {
    static final String NAME = "rbtest-daemon";
    static final Map<String, Object> SYSV = Map.of("service_mgr", "sysv", "os_family", "debian", "pkg_mgr", "apt");

    @TempDir
    Path dir;
    Path pidfile;
    Path actionsLog;
    Service module;
    final RecordingConnection planned = new RecordingConnection();
    TestModuleContext plan;
    TestModuleContext ctx;

    @BeforeEach
    void initScript() throws IOException {
        Path init = Files.createDirectories(dir.resolve("init.d"));
        Files.createDirectories(dir.resolve("etc/rc2.d"));
        Files.createDirectories(dir.resolve("run"));
        pidfile = dir.resolve("run/" + NAME + ".pid");
        actionsLog = dir.resolve("actions.log");
        Files.writeString(actionsLog, "");
        String script = """
                #!/bin/sh
                PIDFILE='%s'
                LOG='%s'
                running() {
                    [ -f "$PIDFILE" ] || return 1
                    p=$(cat "$PIDFILE")
                    [ -d "/proc/$p" ] && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$p/stat" 2>/dev/null
                }
                case "$1" in
                  start)
                    running && exit 0
                    sleep 600 >/dev/null 2>&1 </dev/null &
                    echo $! > "$PIDFILE"
                    echo start >> "$LOG" ;;
                  stop)
                    if running; then
                      kill "$(cat "$PIDFILE")"
                      i=0; while running && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
                    fi
                    rm -f "$PIDFILE"
                    echo stop >> "$LOG" ;;
                  restart) "$0" stop && "$0" start ;;
                  reload) running || exit 7; echo reload >> "$LOG" ;;
                  status) running && exit 0 || exit 3 ;;
                  *) echo "Usage: $0 {start|stop|restart|reload|status}" >&2; exit 2 ;;
                esac
                """.formatted(pidfile, actionsLog);
        Path file = init.resolve(NAME);
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        module = new Service(init.toString(), dir.resolve("etc").toString());
        plan = new TestModuleContext(planned).checkMode(true).facts(SYSV);
        ctx = new TestModuleContext(new RecordingConnection()).facts(SYSV);
    }

    @AfterEach
    void stopByPid() throws IOException {
        assertThat(planned.allReadOnly()).isTrue();
        if (Files.exists(pidfile)) {
            long pid = Long.parseLong(Files.readString(pidfile).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }

    Args args(Map<String, Object> raw) {
        return TestModuleContext.args(module, raw);
    }

    Optional<ProcessHandle> daemon() throws IOException {
        return Files.exists(pidfile) ? ProcessHandle.of(Long.parseLong(Files.readString(pidfile).strip())) : Optional.empty();
    }

    /** Running, and not a zombie (this machine's init may not reap orphans, so the handle alone can't tell). */
    static boolean alive(ProcessHandle p) throws IOException {
        Path stat = Path.of("/proc/" + p.pid() + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
    }

    List<String> actions() throws IOException {
        return Files.readAllLines(actionsLog);
    }

    @Test
    void startedIsPredictedStartsARealProcessOnceThenStops() throws Exception {
        Args started = args(Map.of("name", NAME, "state", "started"));
        Change c = module.check(plan, started);
        assertThat(c.kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(c.summary()).isEqualTo("would start " + NAME);
        assertThat(daemon()).isEmpty();

        ModuleResult r = module.apply(ctx, started);
        assertThat(r.changed()).isTrue();
        assertThat(r.msg()).isEqualTo("started " + NAME);
        assertThat(r.data()).containsEntry("state", "started");
        ProcessHandle p = daemon().orElseThrow();
        assertThat(alive(p)).isTrue();
        assertThat(p.info().command().orElse("")).endsWith("sleep");

        assertThat(module.apply(ctx, started).changed()).isFalse();
        assertThat(module.check(plan, started).kind()).isEqualTo(ChangeKind.NONE);
        assertThat(actions()).containsExactly("start");

        Args stopped = args(Map.of("name", NAME, "state", "stopped"));
        assertThat(module.check(plan, stopped).summary()).isEqualTo("would stop " + NAME);
        assertThat(module.apply(ctx, stopped).changed()).isTrue();
        assertThat(alive(p)).isFalse();
        assertThat(module.apply(ctx, stopped).changed()).isFalse();
        assertThat(actions()).containsExactly("start", "stop");
    }

    @Test
    void restartReplacesTheProcessAndReloadSignalsTheRunningOne() throws Exception {
        module.apply(ctx, args(Map.of("name", NAME, "state", "started")));
        ProcessHandle first = daemon().orElseThrow();
        Args restarted = args(Map.of("name", NAME, "state", "restarted"));
        assertThat(module.check(plan, restarted).summary()).isEqualTo("would restart " + NAME);
        assertThat(module.apply(ctx, restarted).changed()).isTrue();
        ProcessHandle second = daemon().orElseThrow();
        assertThat(second.pid()).isNotEqualTo(first.pid());
        assertThat(alive(first)).isFalse();

        ModuleResult reload = module.apply(ctx, args(Map.of("name", NAME, "state", "reloaded")));
        assertThat(reload.changed()).isTrue();
        assertThat(daemon().orElseThrow().pid()).isEqualTo(second.pid());
        assertThat(actions()).containsExactly("start", "stop", "start", "reload");
    }

    @Test
    void bootLinksAreReadForEnabled() throws Exception {
        Args enabled = args(Map.of("name", NAME, "enabled", true));
        assertThat(module.check(plan, enabled).summary()).isEqualTo("would enable " + NAME);
        Files.createSymbolicLink(dir.resolve("etc/rc2.d/S01" + NAME), dir.resolve("init.d/" + NAME));
        Change c = module.check(plan, enabled);
        assertThat(c.kind()).isEqualTo(ChangeKind.NONE);
        assertThat(c.result()).containsEntry("enabled", true);
        assertThat(module.check(plan, args(Map.of("name", NAME, "enabled", false))).summary()).isEqualTo("would disable " + NAME);
    }

    @Test
    void aMissingServiceIsUnknownInPlanAndAClearFailureInApply() throws Exception {
        Args a = args(Map.of("name", "rbtest-nope", "state", "started"));
        Change c = module.check(plan, a);
        assertThat(c.kind()).isEqualTo(ChangeKind.UNKNOWN);
        assertThat(c.summary()).contains("not installed yet").contains("init.d/rbtest-nope");
        assertThatThrownBy(() -> module.apply(ctx, a)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("service rbtest-nope not found");
    }

    @Test
    void aServiceThatDoesNotComeUpFails() throws Exception {
        Path broken = dir.resolve("init.d/rbtest-broken");
        Files.writeString(broken, "#!/bin/sh\ncase \"$1\" in status) exit 3;; *) exit 0;; esac\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> module.apply(ctx, args(Map.of("name", "rbtest-broken", "state", "started"))))
                .isInstanceOf(ModuleException.class).hasMessageContaining("rbtest-broken is not running after start");
    }
}
