package dev.runbook.modules.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.connection.BecomeConnection;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.FileAttrs;
import java.io.InputStream;
import java.io.OutputStream;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ReadOnlyConnection;
import dev.runbook.connection.ssh.HostKeyPolicy;
import dev.runbook.connection.ssh.SshConnector;
import dev.runbook.connection.ssh.SshTarget;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.Module;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.OpenSshHosts;
import dev.runbook.testing.TestModuleContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** user, group and authorized_key over a real OpenSSH daemon, as an unprivileged login with sudo. */
@Timeout(300)
class AccountsOverSshTest {
    static final String USER = "rbacct1";
    static final String GROUP_A = "rbgrpa";
    static final String GROUP_B = "rbgrpb";
    /** openssl passwd -6 -salt rbsalt secret */
    static final String HASH = "$6$rbsalt$3wesIoGr2VFEf4.mpHNdv9ZmMUq92esqnISEvOdcNEp6PJCZYEbrZ6a00icW1qFCemACS41Zty5p155blUKk00";
    static OpenSshHosts hosts;
    static SshConnector connector;
    Connection ssh;
    Connection root;
    final List<CommandRequest> sent = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        hosts = OpenSshHosts.start(1);
        connector = new SshConnector(hosts.knownHosts(), HostKeyPolicy.STRICT, hosts.dir().resolve("no-config"));
    }

    @AfterAll
    static void stop() {
        connector.close();
        hosts.close();
    }

    @BeforeEach
    void open() throws Exception {
        cleanUp();
        ssh = connector.open(new SshTarget("accounts", "127.0.0.1", hosts.port(0), OpenSshHosts.USER,
                List.of(hosts.clientKey()), null, null, null, Duration.ofSeconds(10)), false);
        root = new Recording(new BecomeConnection(ssh, "root", null), sent);
    }

    @AfterEach
    void close() throws Exception {
        ssh.close();
        cleanUp();
    }

    static void cleanUp() throws Exception {
        local("userdel", "-r", USER);
        local("groupdel", GROUP_A);
        local("groupdel", GROUP_B);
        local("groupdel", USER);
    }

    static String local(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    Args args(Module m, Map<String, Object> raw) {
        return TestModuleContext.args(m, raw);
    }

    /** Plan (read-only), apply, apply again: the plan says what apply did, the second apply nothing. */
    ModuleResult converge(Module m, Args a, ChangeKind expected) throws Exception {
        Change plan = m.check(new TestModuleContext(new ReadOnlyConnection(root)).checkMode(true), a);
        assertThat(plan.kind()).isEqualTo(expected);
        ModuleResult r = m.apply(new TestModuleContext(root), a);
        assertThat(r.changed()).isEqualTo(expected != ChangeKind.NONE);
        if (plan.result() != null) {
            Map<String, Object> registered = new LinkedHashMap<>(r.data());
            registered.put("changed", r.changed());
            assertThat(plan.result()).isEqualTo(registered);
        }
        assertThat(m.check(new TestModuleContext(new ReadOnlyConnection(root)).checkMode(true), a).kind()).isEqualTo(ChangeKind.NONE);
        ModuleResult again = m.apply(new TestModuleContext(root), a);
        assertThat(again.changed()).isFalse();
        return r;
    }

    @Test
    void groupIsCreatedRenumberedAndRemoved() throws Exception {
        Group g = new Group();
        ModuleResult created = converge(g, args(g, Map.of("name", GROUP_A, "gid", 23401)), ChangeKind.CREATE);
        assertThat(created.data()).containsEntry("gid", 23401L).containsEntry("state", "present");
        assertThat(local("getent", "group", GROUP_A)).startsWith(GROUP_A + ":x:23401:");
        converge(g, args(g, Map.of("name", GROUP_A, "gid", 23402)), ChangeKind.CHANGE);
        assertThat(local("getent", "group", GROUP_A)).startsWith(GROUP_A + ":x:23402:");
        converge(g, args(g, Map.of("name", GROUP_A, "state", "absent")), ChangeKind.REMOVE);
        assertThat(local("getent", "group", GROUP_A)).isEmpty();
    }

    @Test
    void userIsCreatedWithGroupsShellAndPasswordThenConverges() throws Exception {
        Group g = new Group();
        g.apply(new TestModuleContext(root), args(g, Map.of("name", GROUP_A)));
        g.apply(new TestModuleContext(root), args(g, Map.of("name", GROUP_B)));
        User u = new User();
        Args a = args(u, Map.of("name", USER, "shell", "/bin/sh", "comment", "Deploy User", "groups", GROUP_A,
                "password", HASH));
        ModuleResult created = converge(u, a, ChangeKind.CREATE);
        assertThat(created.data()).containsEntry("shell", "/bin/sh").containsEntry("home", "/home/" + USER)
                .containsEntry("comment", "Deploy User").containsEntry("password", "NOT_LOGGING_PASSWORD");
        assertThat(local("getent", "shadow", USER)).startsWith(USER + ":" + HASH + ":");
        assertThat(local("id", "-nG", USER).strip().split(" ")).contains(GROUP_A);
        assertThat(java.nio.file.Files.isDirectory(java.nio.file.Path.of("/home", USER))).isTrue();

        // append adds without removing; without append the groups are exactly the ones given
        converge(u, args(u, Map.of("name", USER, "groups", List.of(GROUP_B), "append", true)), ChangeKind.CHANGE);
        assertThat(local("id", "-nG", USER).strip().split(" ")).contains(GROUP_A, GROUP_B);
        converge(u, args(u, Map.of("name", USER, "groups", GROUP_B)), ChangeKind.CHANGE);
        assertThat(local("id", "-nG", USER).strip().split(" ")).contains(GROUP_B).doesNotContain(GROUP_A);

        // a changed password hash is seen on the host; on_create leaves an existing one alone
        String other = "$6$rbsalt$other";
        assertThat(new User().check(new TestModuleContext(new ReadOnlyConnection(root)).checkMode(true),
                args(u, Map.of("name", USER, "password", other, "update_password", "on_create"))).kind()).isEqualTo(ChangeKind.NONE);
        converge(u, args(u, Map.of("name", USER, "password", other)), ChangeKind.CHANGE);
        assertThat(local("getent", "shadow", USER)).startsWith(USER + ":" + other + ":");

        ModuleResult removed = converge(u, args(u, Map.of("name", USER, "state", "absent", "remove", true)), ChangeKind.REMOVE);
        assertThat(removed.data()).containsEntry("remove", true);
        assertThat(local("getent", "passwd", USER)).isEmpty();
        for (CommandRequest r : sent) {
            assertThat(r.command().toShellLine()).doesNotContain(HASH).doesNotContain(other);
        }
        assertThat(u.spec().arg("password").orElseThrow().secret()).isTrue();
    }

    @Test
    void authorizedKeyLetsTheUserLogInAndConverges(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        User u = new User();
        u.apply(new TestModuleContext(root), args(u, Map.of("name", USER, "password", HASH)));
        String first = keyPair(dir, "one");
        String second = keyPair(dir, "two");
        AuthorizedKey k = new AuthorizedKey();
        java.nio.file.Path file = java.nio.file.Path.of("/home", USER, ".ssh", "authorized_keys");

        Change plan = k.check(new TestModuleContext(new ReadOnlyConnection(root)).checkMode(true), args(k, Map.of("user", USER, "key", first)));
        assertThat(plan.diff()).contains("+" + first.strip());
        ModuleResult added = converge(k, args(k, Map.of("user", USER, "key", first)), ChangeKind.CREATE);
        assertThat(added.data()).containsEntry("keyfile", file.toString()).containsEntry("user", USER);
        assertThat(java.nio.file.Files.readString(file)).isEqualTo(first.strip() + "\n");
        assertThat(local("stat", "-c", "%U %a", file.toString(), file.getParent().toString()))
                .isEqualTo(USER + " 600\n" + USER + " 700\n");

        // OpenSSH accepts what it wrote: the test daemon reads one shared file, so a key with options
        // is added there for its login user and that key then opens a session.
        String shared = hosts.dir().resolve("authorized_keys").toString();
        converge(k, args(k, Map.of("user", OpenSshHosts.USER, "path", shared, "key", first,
                "key_options", "no-agent-forwarding,from=\"127.0.0.1\"")), ChangeKind.CHANGE);
        Connection withNewKey = connector.open(new SshTarget("accounts", "127.0.0.1", hosts.port(0), OpenSshHosts.USER,
                List.of(dir.resolve("one")), null, null, null, Duration.ofSeconds(10)), false);
        try {
            assertThat(withNewKey.run(CommandRequest.of(dev.runbook.connection.Command.Argv.of("id", "-un"))).stdout())
                    .isEqualTo(OpenSshHosts.USER + "\n");
        } finally {
            withNewKey.close();
        }

        converge(k, args(k, Map.of("user", USER, "key", second)), ChangeKind.CHANGE);
        converge(k, args(k, Map.of("user", USER, "key", first, "key_options", "no-pty,from=\"127.0.0.1\"")), ChangeKind.CHANGE);
        List<String> lines = java.nio.file.Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("no-pty,from=\"127.0.0.1\" ssh-ed25519 ");
        converge(k, args(k, Map.of("user", USER, "key", second, "exclusive", true)), ChangeKind.CHANGE);
        assertThat(java.nio.file.Files.readString(file)).isEqualTo(second.strip() + "\n");
        converge(k, args(k, Map.of("user", USER, "key", second, "state", "absent")), ChangeKind.CHANGE);
        assertThat(java.nio.file.Files.readString(file)).isEmpty();
        assertThat(k.validate(args(k, Map.of("user", USER, "key", "not a key")))).singleElement().asString()
                .contains("no SSH public key");
    }

    static String keyPair(java.nio.file.Path dir, String name) throws Exception {
        local("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name + "@test", "-f", dir.resolve(name).toString());
        return java.nio.file.Files.readString(dir.resolve(name + ".pub"));
    }

    /** Passes everything through and remembers what was sent. */
    record Recording(Connection inner, List<CommandRequest> sent) implements Connection {
        @Override
        public String host() {
            return inner.host();
        }

        @Override
        public CommandResult run(CommandRequest request) throws ConnectionException, InterruptedException {
            sent.add(request);
            return inner.run(request);
        }

        @Override
        public void upload(InputStream data, String remotePath, FileAttrs attrs) throws ConnectionException, IOException {
            inner.upload(data, remotePath, attrs);
        }

        @Override
        public void download(String remotePath, OutputStream out) throws ConnectionException, IOException {
            inner.download(remotePath, out);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
