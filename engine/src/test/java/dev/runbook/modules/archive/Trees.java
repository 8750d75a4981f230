package dev.runbook.modules.archive;

import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.FileAttrs;
import dev.runbook.connection.local.LocalConnection;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.Module;
import dev.runbook.testing.TestModuleContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Helpers for the tree module tests: fingerprints of a directory and a plan-mode connection. */
final class Trees {
    private Trees() {
    }

    /** Every entry under {@code root} (root included) with its type, mode, content digest or link target. */
    static Map<String, String> fingerprint(Path root) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                out.put(root.relativize(p).toString(), describe(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String describe(Path p) throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
        if (Files.isSymbolicLink(p)) {
            return "l " + Files.readSymbolicLink(p);
        }
        if (Files.isDirectory(p)) {
            return "d " + Integer.toOctalString(mode);
        }
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
            return "f " + Integer.toOctalString(mode) + " " + sha;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A context whose connection refuses anything not read-only, as plan mode does. */
    static TestModuleContext planContext() {
        return new TestModuleContext(new PlanGuard(new LocalConnection("localhost"))).checkMode(true);
    }

    static TestModuleContext applyContext() {
        return new TestModuleContext(new LocalConnection("localhost"));
    }

    /** Checks in plan mode and asserts the watched trees did not change. */
    static Change checkWithoutChanging(Module m, Args a, Path... watched) throws Exception {
        java.util.List<Map<String, String>> before = new java.util.ArrayList<>();
        for (Path w : watched) {
            before.add(fingerprint(w));
        }
        Change c = m.check(planContext(), a);
        for (int i = 0; i < watched.length; i++) {
            if (!before.get(i).equals(fingerprint(watched[i]))) {
                throw new AssertionError("check changed " + watched[i]);
            }
        }
        return c;
    }

    record PlanGuard(Connection inner) implements Connection {
        @Override
        public String host() {
            return inner.host();
        }

        @Override
        public CommandResult run(CommandRequest request) throws ConnectionException, InterruptedException {
            if (!request.readOnly()) {
                throw new AssertionError("check sent a command not marked read-only: " + request.command().toShellLine());
            }
            return inner.run(request);
        }

        @Override
        public void upload(InputStream data, String remotePath, FileAttrs attrs) {
            throw new AssertionError("check tried to upload " + remotePath);
        }

        @Override
        public void download(String remotePath, OutputStream out) throws ConnectionException, IOException {
            inner.download(remotePath, out);
        }

        @Override
        public boolean isReadOnly() {
            return true;
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
