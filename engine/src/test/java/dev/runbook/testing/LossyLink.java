package dev.runbook.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A bad network between the controller and one sshd on loopback: a TCP proxy on a free
 * 127.0.0.1 port that delivers every byte late ({@code latency} plus up to {@code jitter}, in
 * order), in small random pieces, now and then holds a direction back for {@code stall} (what a
 * lost packet costs TCP: the retransmission wait), and cuts the first {@code cutFirst}
 * connections with a reset right after the server's first bytes (a connection lost during the
 * key exchange). Deterministic for a seed. Stopped by {@link #close()}.
 */
public final class LossyLink implements AutoCloseable {
    /** How bad the link is. {@code stallChance}: per piece, the chance that a stall comes before it. */
    public record Profile(Duration latency, Duration jitter, double stallChance, Duration stall, int cutFirst) {
    }

    private final ServerSocket server;
    private final int targetPort;
    private final Profile profile;
    private final Random random;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicInteger stalls = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    public LossyLink(int targetPort, Profile profile, long seed) throws IOException {
        this.targetPort = targetPort;
        this.profile = profile;
        this.random = new Random(seed);
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        daemon("lossy-accept", this::acceptLoop).start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Connections cut on purpose so far. */
    public int cuts() {
        return cuts.get();
    }

    /** Stalls (simulated losses) so far. */
    public int stalls() {
        return stalls.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                boolean cut = connections.incrementAndGet() <= profile.cutFirst();
                long seed;
                synchronized (random) {
                    seed = random.nextLong();
                }
                new Direction(client, upstream, false, new Random(seed)).start();
                new Direction(upstream, client, cut, new Random(seed + 1)).start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** One direction of one connection: a reader that stamps pieces with their due time, a writer that delivers them. */
    private final class Direction {
        private final Socket from;
        private final Socket to;
        private final boolean cutAfterFirst;
        private final Random rnd;
        private final LinkedBlockingQueue<byte[]> pieces = new LinkedBlockingQueue<>();
        private final LinkedBlockingQueue<Long> due = new LinkedBlockingQueue<>();
        private long lastDue;

        Direction(Socket from, Socket to, boolean cutAfterFirst, Random rnd) {
            this.from = from;
            this.to = to;
            this.cutAfterFirst = cutAfterFirst;
            this.rnd = rnd;
        }

        void start() {
            daemon("lossy-read", this::read).start();
            daemon("lossy-write", this::write).start();
        }

        private void read() {
            byte[] buf = new byte[16384];
            try {
                InputStream in = from.getInputStream(); // not closed here: that would close the socket both ways
                int n;
                while ((n = in.read(buf)) >= 0) {
                    int off = 0;
                    while (off < n) {
                        int len = Math.min(n - off, 1 + rnd.nextInt(1460));
                        long at = System.nanoTime() + profile.latency().toNanos()
                                + (long) (rnd.nextDouble() * profile.jitter().toNanos());
                        if (rnd.nextDouble() < profile.stallChance()) {
                            stalls.incrementAndGet();
                            at += profile.stall().toNanos();
                        }
                        lastDue = Math.max(lastDue, at); // TCP delivers in order: nothing overtakes a stalled piece
                        due.add(lastDue);
                        pieces.add(Arrays.copyOfRange(buf, off, off + len));
                        off += len;
                    }
                }
            } catch (IOException e) {
                // the other side went away
            }
            due.add(-1L);
            pieces.add(new byte[0]);
        }

        private void write() {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    long at = due.take();
                    byte[] piece = pieces.take();
                    if (at < 0) {
                        break;
                    }
                    long wait = at - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait); // the link's latency
                    }
                    out.write(piece);
                    out.flush();
                    if (cutAfterFirst) {
                        cuts.incrementAndGet();
                        reset(from);
                        reset(to);
                        return;
                    }
                }
                to.shutdownOutput();
            } catch (IOException e) {
                reset(from);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(LossyLink::reset);
    }
}
