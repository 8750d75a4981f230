package dev.runbook.connection.local;

import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.OutputSink;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One local process: feeds stdin, collects and streams stdout/stderr, enforces the timeout by
 * killing the whole process tree (descendants snapshotted before the parent dies, since an
 * orphan is re-parented and can no longer be found from it).
 */
final class LocalProcess {
    private final List<String> argv;
    private final CommandRequest request;

    LocalProcess(List<String> argv, CommandRequest request) {
        this.argv = argv;
        this.request = request;
    }

    CommandResult run() throws InterruptedException {
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(request.env());
        if (request.cwd() != null) {
            pb.directory(new File(request.cwd()));
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            // Like a shell: a command that cannot be started is exit 127 with the reason on stderr.
            return new CommandResult(127, "", "cannot run " + argv.get(0) + ": " + e.getMessage(),
                    Duration.ofNanos(System.nanoTime() - start), false);
        }
        Collector out = new Collector(process.getInputStream(), request.sink(), OutputSink.Stream.STDOUT);
        Collector err = new Collector(process.getErrorStream(), request.sink(), OutputSink.Stream.STDERR);
        out.start();
        err.start();
        feedStdin(process);
        boolean timedOut = false;
        try {
            if (request.timeout().isZero()) {
                process.waitFor();
            } else if (!process.waitFor(request.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                killTree(process);
            }
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        }
        out.join();
        err.join();
        int code = timedOut ? 124 : process.exitValue();
        return new CommandResult(code, out.text(), err.text(), Duration.ofNanos(System.nanoTime() - start), timedOut);
    }

    private void feedStdin(Process process) {
        byte[] stdin = request.stdin();
        try (OutputStream os = process.getOutputStream()) {
            if (stdin.length > 0) {
                os.write(stdin);
            }
        } catch (IOException e) {
            // The command exited without reading its input: not an error of ours.
        }
    }

    static void killTree(Process process) throws InterruptedException {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        for (ProcessHandle h : tree) {
            h.destroyForcibly();
        }
        process.waitFor(5, TimeUnit.SECONDS);
    }

    /** Reads one stream to its end, keeping the text and passing each line to the sink. */
    private static final class Collector extends Thread {
        private final InputStream in;
        private final OutputSink sink;
        private final OutputSink.Stream stream;
        private final StringBuilder text = new StringBuilder();

        Collector(InputStream in, OutputSink sink, OutputSink.Stream stream) {
            this.in = in;
            this.sink = sink;
            this.stream = stream;
            setDaemon(true);
            setName("local-" + stream.name().toLowerCase());
        }

        @Override
        public void run() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                char[] buf = new char[8192];
                StringBuilder line = new StringBuilder();
                int n;
                while ((n = r.read(buf)) >= 0) {
                    for (int i = 0; i < n; i++) {
                        char c = buf[i];
                        text.append(c);
                        if (c == '\n') {
                            sink.line(stream, line.toString());
                            line.setLength(0);
                        } else {
                            line.append(c);
                        }
                    }
                }
                if (line.length() > 0) {
                    sink.line(stream, line.toString());
                }
            } catch (IOException e) {
                // Stream closed by a kill: keep what was read.
            }
        }

        String text() {
            return text.toString();
        }
    }
}
