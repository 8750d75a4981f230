package dev.runbook.connection.ssh;

import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.OutputSink;
import dev.runbook.connection.ShellLine;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * One command on an open session channel: stdin fed then closed, stdout and stderr read
 * concurrently (line by line to the sink), exit status collected. A timeout is enforced on the
 * host by coreutils {@code timeout}, which signals the command's whole process group (a signal
 * over SSH would reach only the shell); the client gives up a few seconds later in any case.
 */
final class RemoteCommand {
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final int TIMEOUT_EXIT = 124;

    private final String host;
    private final ExecutorService pool;

    RemoteCommand(String host, ExecutorService pool) {
        this.host = host;
        this.pool = pool;
    }

    CommandResult run(Session session, String line, CommandRequest req)
            throws ConnectionException, InterruptedException {
        long start = System.nanoTime();
        Session.Command cmd;
        try {
            cmd = session.exec(ShellLine.withTimeout(line, req.timeout()));
        } catch (IOException e) {
            throw Failures.dropped(host, "while starting a command", true, e);
        }
        Future<String> out = pool.submit(new LinePump(cmd.getInputStream(), req.sink(), OutputSink.Stream.STDOUT));
        Future<String> err = pool.submit(new LinePump(cmd.getErrorStream(), req.sink(), OutputSink.Stream.STDERR));
        Future<?> in = pool.submit(() -> feed(cmd.getOutputStream(), req.stdin()));
        long deadline = req.timeout().isZero() ? Long.MAX_VALUE : start + req.timeout().plus(GRACE).toNanos();
        try {
            return finish(cmd, await(out, deadline), await(err, deadline), req.timeout(), start, deadline);
        } catch (TimeoutException e) {
            abandon(cmd);
            return new CommandResult(TIMEOUT_EXIT, "", "", Duration.ofNanos(System.nanoTime() - start), true);
        } catch (InterruptedException e) {
            abandon(cmd);
            throw e;
        } catch (ExecutionException | IOException e) {
            abandon(cmd);
            throw Failures.dropped(host, "while a command was running", true, e.getCause() != null ? e.getCause() : e);
        } finally {
            out.cancel(true);
            err.cancel(true);
            in.cancel(true);
        }
    }

    /** Both streams ended: waits for the channel to close and reads the exit status. */
    private static CommandResult finish(Session.Command cmd, String stdout, String stderr, Duration timeout,
                                        long start, long deadline) throws IOException {
        long wait = deadline == Long.MAX_VALUE ? TimeUnit.SECONDS.toNanos(30) : deadline - System.nanoTime();
        cmd.join(Math.max(1, wait), TimeUnit.NANOSECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        int code = exitCode(cmd);
        boolean timedOut = !timeout.isZero() && took.compareTo(timeout) >= 0
                && (code == TIMEOUT_EXIT || code == 128 + 9);
        return new CommandResult(timedOut ? TIMEOUT_EXIT : code, stdout, stderr, took, timedOut);
    }

    private static String await(Future<String> f, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (deadline == Long.MAX_VALUE) {
            return f.get();
        }
        return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private static Void feed(OutputStream os, byte[] stdin) {
        try (os) {
            if (stdin.length > 0) {
                os.write(stdin);
            }
        } catch (IOException e) {
            // the command exited without reading all of its input: not an error of ours
        }
        return null;
    }

    private static int exitCode(Session.Command cmd) {
        Integer status = cmd.getExitStatus();
        if (status != null) {
            return status;
        }
        Signal sig = cmd.getExitSignal();
        return sig == null ? 255 : 128 + SignalNumbers.of(sig);
    }

    private static void abandon(Session.Command cmd) {
        try {
            cmd.signal(Signal.KILL);
        } catch (IOException | RuntimeException e) {
            // best effort: the channel is closed next anyway
        }
        try {
            cmd.close();
        } catch (IOException | RuntimeException e) {
            // already closed
        }
    }
}
