package dev.runbook.modules.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.BecomeConnection;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ReadOnlyConnection;
import dev.runbook.connection.local.LocalConnection;
import dev.runbook.connection.ssh.HostKeyPolicy;
import dev.runbook.connection.ssh.SshConnector;
import dev.runbook.connection.ssh.SshTarget;
import dev.runbook.modules.Args;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleException;
import dev.runbook.modules.ModuleResult;
import dev.runbook.modules.files.TempFile;
import dev.runbook.testing.OpenSshHosts;
import dev.runbook.testing.TestModuleContext;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** script, raw and tempfile on this machine and through a real OpenSSH daemon with become (sudo to root). */
@Timeout(180)
class ScriptRawTempfileTest {
    static OpenSshHosts hosts;
    static SshConnector connector;
    static Connection ssh;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        hosts = OpenSshHosts.start(1);
        connector = new SshConnector(hosts.knownHosts(), HostKeyPolicy.STRICT, hosts.dir().resolve("no-config"));
        SshTarget t = new SshTarget("web1", "127.0.0.1", hosts.port(0), OpenSshHosts.USER, List.of(hosts.clientKey()),
                null, null, null, Duration.ofSeconds(10));
        ssh = new BecomeConnection(connector.open(t, false), null, null);
    }

    @AfterAll
    static void stop() {
        if (ssh != null) {
            ssh.close();
        }
        if (connector != null) {
            connector.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    static Stream<String> targets() {
        return Stream.of("local", "ssh");
    }

    static Connection connection(String target) {
        return target.equals("ssh") ? ssh : new LocalConnection("localhost");
    }

    TestModuleContext live(String target) {
        return new TestModuleContext(connection(target)).controllerDir(tmp);
    }

    TestModuleContext plan(String target) {
        return new TestModuleContext(new ReadOnlyConnection(connection(target))).checkMode(true).controllerDir(tmp);
    }

    static Args args(Module m, Map<String, Object> raw) {
        return TestModuleContext.args(m, raw);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void scriptRunsWithItsArgumentsInChdirAndIsRemovedAfterwards(String target) throws Exception {
        Path scripts = Files.createDirectories(tmp.resolve("scripts"));
        Files.writeString(scripts.resolve("make marker.sh"), "#!/bin/sh\nset -e\necho \"args: $1|$2\"\necho warn >&2\n"
                + "pwd > \"$3\"\necho \"$0\" >> \"$3\"\n");
        Path out = tmp.resolve("out-" + target);
        Script script = new Script();
        Args a = args(script, Map.of("_raw_params", "'scripts/make marker.sh' \"one two\" $HOME " + out, "chdir", "/tmp",
                "creates", out.toString()));
        assertThat(script.check(plan(target), a).kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(out).doesNotExist();
        ModuleResult r = script.apply(live(target), a);
        assertThat(r.changed()).isTrue();
        assertThat(r.data().get("stdout")).asString().startsWith("args: one two|/");
        assertThat(r.data().get("stderr")).isEqualTo("warn\n");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("/tmp");
        assertThat(Path.of(lines.get(1))).as("the copy is gone").doesNotExist();
        assertThat(Path.of(lines.get(1)).getParent()).doesNotExist();
        assertThat(script.check(plan(target), a).kind()).isEqualTo(ChangeKind.NONE);
        ModuleResult again = script.apply(live(target), a);
        assertThat(again.changed()).isFalse();
        assertThat(again.msg()).isEqualTo(out + " exists, matching creates option");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void scriptWithAnExecutableAndAFailure(String target) throws Exception {
        Files.writeString(tmp.resolve("fail.sh"), "echo half; exit 3\n"); // no #! line, not executable on the controller
        Script script = new Script();
        Args a = args(script, Map.of("cmd", "fail.sh", "executable", "/bin/bash"));
        assertThat(script.check(plan(target), a).kind()).as("without creates/removes a plan cannot know").isEqualTo(ChangeKind.UNKNOWN);
        ModuleResult r = script.apply(live(target), a);
        assertThat(r.failed()).isTrue();
        assertThat(r.msg()).isEqualTo("non-zero return code");
        assertThat(r.data()).containsEntry("rc", 3).containsEntry("stdout", "half\n");
        assertThatThrownBy(() -> script.apply(live(target), args(script, Map.of("_raw_params", "missing.sh"))))
                .isInstanceOf(ModuleException.class).hasMessageStartingWith("script missing.sh not found on the controller");
        assertThat(script.validate(args(script, Map.of("_raw_params", "fail.sh", "chdir", "tmp"))))
                .containsExactly("chdir tmp must be an absolute path for a Unix-aware remote node");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void rawGoesToTheShellAsWritten(String target) throws Exception {
        Raw raw = new Raw();
        Args a = args(raw, Map.of("_raw_params", "echo \"$((6 * 7))\" | tr 4 x; id -u"));
        assertThat(raw.check(plan(target), a).kind()).isEqualTo(ChangeKind.UNKNOWN);
        ModuleResult r = raw.apply(live(target), a);
        assertThat(r.changed()).isTrue();
        assertThat(r.data().get("stdout_lines")).asList().first().isEqualTo("x2");
        if (target.equals("ssh")) {
            assertThat(r.data().get("stdout_lines")).asList().last().as("become applies to raw").isEqualTo("0");
        }
        ModuleResult bash = raw.apply(live(target), args(raw, Map.of("_raw_params", "echo ${BASH_VERSION:+bash}; exit 5",
                "executable", "/bin/bash")));
        assertThat(bash.failed()).isTrue();
        assertThat(bash.data()).containsEntry("rc", 5).containsEntry("stdout", "bash\n");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void tempfileMakesAPrivateFileOrDirectoryEachRun(String target) throws Exception {
        TempFile t = new TempFile();
        Path in = Files.createDirectories(tmp.resolve("t-" + target));
        Args file = args(t, Map.of("path", in.toString(), "suffix", ".conf"));
        assertThat(t.check(plan(target), file).kind()).isEqualTo(ChangeKind.CREATE);
        assertThat(t.check(plan(target), file).result()).as("the name is unknown in a plan").isNull();
        try (Stream<Path> s = Files.list(in)) {
            assertThat(s).isEmpty();
        }
        Path one = Path.of((String) t.apply(live(target), file).data().get("path"));
        Path two = Path.of((String) t.apply(live(target), file).data().get("path"));
        assertThat(one).isRegularFile().isNotEqualTo(two);
        assertThat(one.getFileName().toString()).matches("ansible\\.[A-Za-z0-9]{8}\\.conf");
        assertThat(Files.getAttribute(one, "unix:mode", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0100600);
        ModuleResult dir = t.apply(live(target), args(t, Map.of("state", "directory", "prefix", "build-", "path", in.toString())));
        Path d = Path.of((String) dir.data().get("path"));
        assertThat(d).isDirectory();
        assertThat(d.getFileName().toString()).startsWith("build-");
        assertThat(Files.getAttribute(d, "unix:mode", LinkOption.NOFOLLOW_LINKS)).isEqualTo(040700);
    }
}
