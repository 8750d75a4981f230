package dev.runbook.connection.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.ConnectionException.Cause;
import dev.runbook.testing.OpenSshHosts;
import dev.runbook.testing.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many connections opened at once against real OpenSSH: no healthy host is reported unreachable
 * because of the crowd, and hosts that are down or silent are still reported, within the bound.
 */
@Timeout(300)
class ConnectionStormTest {
    private static final int HOSTS = 200;
    static OpenSshHosts daemons;

    @BeforeAll
    static void start() {
        daemons = OpenSshHosts.start(4);
    }

    @AfterAll
    static void stop() {
        daemons.close();
    }

    private static SshTarget target(String name, int port, Duration timeout) {
        return new SshTarget(name, "127.0.0.1", port, OpenSshHosts.USER, List.of(daemons.clientKey()), null, null,
                null, timeout);
    }

    /** 200 inventory hosts on 4 sshd daemons, all connecting at once with a 3 s connect timeout. */
    @Test
    void twoHundredHostsAtOnceAreAllReached() throws Exception {
        ConnectPolicy policy = ConnectPolicy.defaults();
        ExecutorService forks = Executors.newFixedThreadPool(HOSTS);
        try (SshConnector connector = new SshConnector(daemons.knownHosts(), HostKeyPolicy.STRICT,
                daemons.dir().resolve("no-config"), policy)) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < HOSTS; i++) {
                SshTarget t = target("web" + i, daemons.port(i % daemons.size()), Duration.ofSeconds(3));
                results.add(forks.submit(() -> {
                    try (Connection c = connector.open(t, false)) {
                        CommandResult r = c.run(CommandRequest.of(new Command.Shell("echo " + t.host())));
                        return r.stdout().strip();
                    } catch (ConnectionException e) {
                        return "UNREACHABLE: " + e.getMessage();
                    }
                }));
            }
            List<String> unreachable = new ArrayList<>();
            for (int i = 0; i < HOSTS; i++) {
                String answer = results.get(i).get();
                if (!answer.equals("web" + i)) {
                    unreachable.add(answer);
                }
            }
            assertThat(unreachable).isEmpty();
        } finally {
            forks.shutdownNow();
        }
    }

    @Test
    void aPortWithNothingListeningIsReportedAtOnceWithoutRetrying() {
        ConnectPolicy policy = new ConnectPolicy(2, 3, Duration.ofSeconds(5));
        int port = Ports.free();
        try (SshConnector connector = new SshConnector(daemons.knownHosts(), HostKeyPolicy.STRICT,
                daemons.dir().resolve("no-config"), policy)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> connector.open(target("down", port, Duration.ofSeconds(2)), false))
                    .isInstanceOfSatisfying(ConnectionException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Cause.REFUSED);
                        assertThat(e.getMessage()).contains("connection refused").doesNotContain("tried");
                    });
            // no back-off was waited: a retry would have slept at least 5 s
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(policy.backoff());
        }
    }

    @Test
    void aPortThatAcceptsButNeverSpeaksIsTriedAgainThenReported() throws Exception {
        ConnectPolicy policy = new ConnectPolicy(2, 3, Duration.ofMillis(200));
        Duration timeout = Duration.ofSeconds(1);
        try (SilentServer silent = new SilentServer();
             SshConnector connector = new SshConnector(daemons.knownHosts(), HostKeyPolicy.STRICT,
                     daemons.dir().resolve("no-config"), policy)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> connector.open(target("silent", silent.port(), timeout), false))
                    .isInstanceOfSatisfying(ConnectionException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Cause.TIMED_OUT);
                        assertThat(e.getMessage()).contains("no SSH answer within").contains("tried 3 times");
                    });
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(silent.accepted()).isEqualTo(3);
            // generous: the documented bound plus room for a loaded machine
            assertThat(took).isLessThan(policy.worstCase(timeout).plusSeconds(20));
        }
    }

    @Test
    void noMoreHandshakesThanSlotsAreInProgress() throws Exception {
        ConnectPolicy policy = new ConnectPolicy(2, 1, Duration.ofMillis(100));
        ExecutorService forks = Executors.newFixedThreadPool(8);
        try (SilentServer silent = new SilentServer();
             SshConnector connector = new SshConnector(daemons.knownHosts(), HostKeyPolicy.STRICT,
                     daemons.dir().resolve("no-config"), policy)) {
            List<Future<Cause>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                SshTarget t = target("silent" + i, silent.port(), Duration.ofMillis(700));
                results.add(forks.submit(() -> {
                    try (Connection c = connector.open(t, false)) {
                        return null;
                    } catch (ConnectionException e) {
                        return e.kind();
                    }
                }));
            }
            for (Future<Cause> f : results) {
                // each waited for a slot, then got its full timeout: none was cut short by the queue
                assertThat(f.get()).isEqualTo(Cause.TIMED_OUT);
            }
            assertThat(silent.accepted()).isEqualTo(8);
            Ports.await("the silent server sees every close", Duration.ofSeconds(10), () -> silent.closed() == 8);
            assertThat(silent.mostAtOnce()).isLessThanOrEqualTo(policy.handshakes());
        } finally {
            forks.shutdownNow();
        }
    }

    @Test
    void badSettingsNameTheVariable() {
        assertThatThrownBy(() -> ConnectPolicy.from(java.util.Map.of(ConnectPolicy.HANDSHAKES_ENV, "0")))
                .hasMessageContaining("RUNBOOK_SSH_HANDSHAKES is '0'");
        assertThatThrownBy(() -> ConnectPolicy.from(java.util.Map.of(ConnectPolicy.ATTEMPTS_ENV, "many")))
                .hasMessageContaining("RUNBOOK_SSH_CONNECT_ATTEMPTS is 'many'");
        assertThat(ConnectPolicy.from(java.util.Map.of(ConnectPolicy.ATTEMPTS_ENV, "5")).attempts()).isEqualTo(5);
    }

    /** Accepts TCP connections and never says a word, like a wedged host; counts them. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicInteger accepted = new AtomicInteger();
        private final List<long[]> spans = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Thread acceptor;

        SilentServer() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::acceptLoop, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        int closed() {
            return spans.size();
        }

        /**
         * The most connections open at once, from when each was accepted until its close was seen;
         * a connection counts as open at an instant only if it stayed open 100 ms longer, since its
         * close reaches this server a moment after the client's next connect.
         */
        int mostAtOnce() {
            long grace = Duration.ofMillis(100).toNanos();
            int most = 0;
            synchronized (spans) {
                for (long[] at : spans) {
                    int n = 0;
                    for (long[] other : spans) {
                        if (other[0] <= at[0] && other[1] > at[0] + grace) {
                            n++;
                        }
                    }
                    most = Math.max(most, n);
                }
            }
            return most;
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.incrementAndGet();
                    long opened = System.nanoTime();
                    Thread reader = new Thread(() -> drain(s, opened), "silent-conn");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        /** Reads until the client gives up and closes, then counts the connection as gone. */
        private void drain(Socket s, long opened) {
            try (s; InputStream in = s.getInputStream()) {
                byte[] buf = new byte[4096];
                while (in.read(buf) >= 0) {
                    // discard the client's greeting
                }
            } catch (IOException e) {
                // client reset: gone as well
            } finally {
                spans.add(new long[] {opened, System.nanoTime()});
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
