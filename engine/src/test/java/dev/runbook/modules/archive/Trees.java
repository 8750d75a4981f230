package dev.runbook.modules.archive;

import dev.runbook.connection.ReadOnlyConnection;
import dev.runbook.connection.local.LocalConnection;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.Module;
import dev.runbook.testing.TestModuleContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Shared by the tree module tests: fingerprints of a directory and a plan-mode context. */
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

    /** A context behind the plan-mode guard: anything not read-only fails the test. */
    static TestModuleContext planContext() {
        return new TestModuleContext(new ReadOnlyConnection(new LocalConnection("localhost"))).checkMode(true);
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
}
