package dev.runbook.modules.files;

import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.Connection;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.FileAttrs;
import dev.runbook.connection.ReadOnlyConnection;
import dev.runbook.connection.ReadOnlyViolation;
import dev.runbook.connection.local.LocalConnection;
import dev.runbook.modules.Args;
import dev.runbook.modules.Module;
import dev.runbook.testing.TestModuleContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Shared pieces of the file module tests: contexts (plan mode behind the real guard) and a tree fingerprint. */
final class FilesTesting {
    private FilesTesting() {
    }

    /**
     * A host that does not exist: every command answers with the given probe output and every
     * download with the given bytes; commands are recorded. For decision tests with no host.
     */
    record Fixture(String probeOutput, byte[] fileContent, List<CommandRequest> sent) implements Connection {
        Fixture(String probeOutput, byte[] fileContent) {
            this(probeOutput, fileContent, new java.util.concurrent.CopyOnWriteArrayList<>());
        }

        @Override
        public String host() {
            return "fixture";
        }

        @Override
        public CommandResult run(CommandRequest request) {
            sent.add(request);
            return new CommandResult(0, probeOutput, "", null, false);
        }

        @Override
        public void upload(InputStream data, String remotePath, FileAttrs attrs) {
            throw new ReadOnlyViolation("fixture host takes no uploads");
        }

        @Override
        public void download(String remotePath, OutputStream out) throws IOException {
            out.write(fileContent);
        }

        @Override
        public void close() {
        }
    }

    static TestModuleContext checkCtx(Path controllerDir) {
        return new TestModuleContext(new ReadOnlyConnection(new LocalConnection("localhost"))).checkMode(true).controllerDir(controllerDir);
    }

    static TestModuleContext applyCtx(Path controllerDir) {
        return new TestModuleContext(new LocalConnection("localhost")).controllerDir(controllerDir);
    }

    static Args args(Module m, Map<String, Object> raw) {
        return TestModuleContext.args(m, raw);
    }

    /** A fingerprint of everything under dir: names, types, content, modes, owners, mtimes, link targets. */
    static String fingerprint(Path dir) throws IOException {
        MessageDigest md = sha256();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                StringBuilder sb = new StringBuilder(dir.relativize(p).toString()).append('|')
                        .append(a.permissions()).append('|').append(a.owner().getName()).append('|')
                        .append(a.group().getName()).append('|').append(a.lastModifiedTime().toMillis()).append('|');
                if (a.isSymbolicLink()) {
                    sb.append("link:").append(Files.readSymbolicLink(p));
                } else if (a.isRegularFile()) {
                    sb.append(HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(p))));
                }
                md.update(sb.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String mode(Path p) throws IOException {
        return Modes.format(LocalModes.of(p));
    }

    static void setMode(Path p, int mode) throws IOException {
        Files.setAttribute(p, "unix:mode", mode);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads permission bits including setuid/setgid/sticky via the unix view. */
    static final class LocalModes {
        private LocalModes() {
        }

        static int of(Path p) throws IOException {
            return ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 07777;
        }
    }

    /**
     * The contract every file module keeps: check predicts {@code expected} without touching the
     * tree, apply changes it, then check says "=" and a second apply reports no change.
     * Returns the first apply's result.
     */
    static dev.runbook.modules.ModuleResult converges(Module m, Map<String, Object> raw, Path tree, Path controllerDir,
                                                      dev.runbook.modules.ChangeKind expected) throws Exception {
        Args a = args(m, raw);
        String before = fingerprint(tree);
        dev.runbook.modules.Change planned = m.check(checkCtx(controllerDir), a);
        org.assertj.core.api.Assertions.assertThat(planned.kind()).as(planned.summary()).isEqualTo(expected);
        org.assertj.core.api.Assertions.assertThat(fingerprint(tree)).as("check mode changed nothing").isEqualTo(before);
        dev.runbook.modules.ModuleResult first = m.apply(applyCtx(controllerDir), a);
        org.assertj.core.api.Assertions.assertThat(first.changed()).as(first.msg()).isTrue();
        dev.runbook.modules.Change again = m.check(checkCtx(controllerDir), a);
        org.assertj.core.api.Assertions.assertThat(again.kind()).as(again.summary()).isEqualTo(dev.runbook.modules.ChangeKind.NONE);
        dev.runbook.modules.ModuleResult second = m.apply(applyCtx(controllerDir), a);
        org.assertj.core.api.Assertions.assertThat(second.changed()).as(second.msg()).isFalse();
        return first;
    }
}
