package dev.runbook.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A proxy on 127.0.0.1 that answers nothing and records the first line of every request the
 * browser sends through it: what a page fetched, without the browser ever leaving the machine.
 */
final class RequestRecorder implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Thread thread;

    RequestRecorder() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "request-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                requests.add(firstLine(s.getInputStream()));
            } catch (IOException e) {
                // closed, or a client that sent nothing: nothing to record
            }
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n' && b.length() < 500) {
            b.append((char) c);
        }
        return new String(b.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8).strip();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
