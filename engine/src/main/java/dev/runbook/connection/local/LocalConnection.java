package dev.runbook.connection.local;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.Connection;
import dev.runbook.connection.FileAttrs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Runs commands on this machine. {@code Argv} runs with no shell; {@code Shell} runs
 * {@code /bin/sh -c}. A timeout kills the whole process tree, not only the direct child (an
 * orphaned grandchild would otherwise hold the output pipe open until it exits).
 */
public final class LocalConnection implements Connection {
    private final String host;

    public LocalConnection(String host) {
        this.host = host;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public CommandResult run(CommandRequest request) throws InterruptedException {
        List<String> argv = request.command() instanceof Command.Argv a
                ? a.args()
                : List.of("/bin/sh", "-c", ((Command.Shell) request.command()).script());
        return new LocalProcess(argv, request).run();
    }

    @Override
    public void upload(InputStream data, String remotePath, FileAttrs attrs) throws IOException {
        Path target = Path.of(remotePath);
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".runbook-tmp");
        try {
            Files.copy(data, tmp, StandardCopyOption.REPLACE_EXISTING);
            int mode = attrs.mode() >= 0 ? attrs.mode()
                    : Files.exists(target) ? PosixModes.of(target) : 0644;
            Files.setPosixFilePermissions(tmp, PosixModes.toPermissions(mode));
            if (attrs.owner() != null || attrs.group() != null) {
                PosixModes.chown(tmp, attrs.owner(), attrs.group());
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void download(String remotePath, OutputStream out) throws IOException {
        Files.copy(Path.of(remotePath), out);
    }

    @Override
    public void close() {
        // nothing held open
    }

    /** Permission bits <-> java.nio sets, and ownership changes. */
    static final class PosixModes {
        private static final PosixFilePermission[] ORDER = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };

        private PosixModes() {
        }

        static Set<PosixFilePermission> toPermissions(int mode) {
            Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
            for (int i = 0; i < ORDER.length; i++) {
                if ((mode & (1 << i)) != 0) {
                    set.add(ORDER[i]);
                }
            }
            return set;
        }

        static int of(Path p) throws IOException {
            Set<PosixFilePermission> set = Files.getPosixFilePermissions(p);
            int mode = 0;
            for (int i = 0; i < ORDER.length; i++) {
                if (set.contains(ORDER[i])) {
                    mode |= 1 << i;
                }
            }
            return mode;
        }

        static void chown(Path p, String owner, String group) throws IOException {
            var lookup = p.getFileSystem().getUserPrincipalLookupService();
            var view = Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class);
            if (owner != null) {
                view.setOwner(lookup.lookupPrincipalByName(owner));
            }
            if (group != null) {
                view.setGroup(lookup.lookupPrincipalByGroupName(group));
            }
        }
    }
}
