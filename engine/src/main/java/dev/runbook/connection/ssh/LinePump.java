package dev.runbook.connection.ssh;

import dev.runbook.connection.OutputSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * Reads one remote stream to its end, keeping the text and handing each complete line to the
 * sink as it arrives. Returns the text; an I/O error (the connection broke) propagates.
 */
final class LinePump implements Callable<String> {
    private final InputStream in;
    private final OutputSink sink;
    private final OutputSink.Stream stream;

    LinePump(InputStream in, OutputSink sink, OutputSink.Stream stream) {
        this.in = in;
        this.sink = sink;
        this.stream = stream;
    }

    @Override
    public String call() throws IOException {
        StringBuilder text = new StringBuilder();
        StringBuilder line = new StringBuilder();
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buf = new char[8192];
            int n;
            while ((n = r.read(buf)) >= 0) {
                text.append(buf, 0, n);
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        sink.line(stream, line.toString());
                        line.setLength(0);
                    } else {
                        line.append(buf[i]);
                    }
                }
            }
        }
        if (line.length() > 0) {
            sink.line(stream, line.toString());
        }
        return text.toString();
    }
}
