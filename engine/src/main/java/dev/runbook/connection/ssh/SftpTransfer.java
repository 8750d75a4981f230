package dev.runbook.connection.ssh;

import dev.runbook.connection.Command;
import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.CommandResult;
import dev.runbook.connection.ConnectionException;
import dev.runbook.connection.FileAttrs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RenameFlags;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;

/**
 * File transfers over SFTP. An upload goes to {@code .<name>.runbook-tmp-<random>} beside the
 * target, gets its mode (and owner, through {@code chown}), then is renamed over the target
 * (posix-rename, which replaces atomically), so readers never see a half-written file.
 */
final class SftpTransfer {
    private static final SecureRandom RANDOM = new SecureRandom();

    interface Runner {
        CommandResult run(CommandRequest request) throws ConnectionException, InterruptedException;
    }

    private final String host;
    private final Runner runner;

    SftpTransfer(String host, Runner runner) {
        this.host = host;
        this.runner = runner;
    }

    static String tempBeside(String path) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash + 1);
        byte[] r = new byte[6];
        RANDOM.nextBytes(r);
        return dir + "." + path.substring(slash + 1) + ".runbook-tmp-" + HexFormat.of().formatHex(r);
    }

    void upload(SFTPClient sftp, InputStream data, String path, FileAttrs attrs) throws ConnectionException, IOException {
        String tmp = tempBeside(path);
        boolean viaShell = attrs.owner() != null || attrs.group() != null
                || !sftp.getSFTPEngine().supportsServerExtension("posix-rename", "openssh.com");
        try (sftp) {
            write(sftp, data, tmp);
            sftp.chmod(tmp, attrs.mode() >= 0 ? attrs.mode() : existingMode(sftp, path));
            if (!viaShell) {
                sftp.rename(tmp, path, EnumSet.of(RenameFlags.OVERWRITE));
                return;
            }
        } catch (SFTPException e) {
            // SFTP says only "Failure" for a full disk: ask the host, while our partial file still fills it
            String full = e.getStatusCode() == Response.StatusCode.FAILURE ? fullDisk(tmp) : null;
            removeQuietly(tmp);
            throw new IOException("cannot upload " + path + " to " + host + ": "
                    + (full != null ? full : e.getMessage()), e);
        } catch (IOException e) {
            throw Failures.dropped(host, "while uploading " + path, true, e);
        }
        finishInShell(tmp, path, attrs);
    }

    /** "no space left on device (...)" when the file system of {@code file} has no room left; else null. */
    private String fullDisk(String file) {
        String dir = file.lastIndexOf('/') > 0 ? file.substring(0, file.lastIndexOf('/')) : file.startsWith("/") ? "/" : ".";
        try {
            CommandResult r = shell("df -Pk -- \"$1\" | awk 'NR==2 {print $4}'; df -Pi -- \"$1\" | awk 'NR==2 {print $4}'",
                    dir, "", "");
            String[] free = r.stdout().strip().split("\\s+");
            if (!r.ok() || free.length < 2) {
                return null;
            }
            if (free[0].matches("\\d+") && Long.parseLong(free[0]) < 16) {
                return "no space left on device (the file system holding " + dir + " has " + free[0] + " KiB free)";
            }
            if (free[1].equals("0")) {
                return "no space left on device (the file system holding " + dir + " has no free inodes)";
            }
            return null;
        } catch (ConnectionException | IOException e) {
            return null;
        }
    }

    private static void write(SFTPClient sftp, InputStream data, String tmp) throws IOException {
        FileAttributes privateMode = new FileAttributes.Builder().withPermissions(0600).build();
        try (RemoteFile f = sftp.open(tmp, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL), privateMode);
             OutputStream os = f.new RemoteFileOutputStream(0, 16)) {
            data.transferTo(os);
        }
    }

    /** The target's current mode, so that replacing a file keeps it; 0644 for a new one. */
    private static int existingMode(SFTPClient sftp, String path) throws IOException {
        FileAttributes a = sftp.statExistence(path);
        return a == null ? 0644 : a.getMode().getPermissionsMask();
    }

    private void finishInShell(String tmp, String path, FileAttrs attrs) throws ConnectionException, IOException {
        String owner = (attrs.owner() != null ? attrs.owner() : "") + (attrs.group() != null ? ":" + attrs.group() : "");
        String script = (owner.isEmpty() ? "" : "chown -- \"$3\" \"$1\" && ") + "mv -f -- \"$1\" \"$2\"";
        CommandResult r = shell(script, tmp, path, owner);
        if (!r.ok()) {
            removeQuietly(tmp);
            throw new IOException("cannot put " + path + " in place on " + host
                    + (owner.isEmpty() ? "" : " with owner " + owner) + ": " + r.stderr().strip());
        }
    }

    void download(SFTPClient sftp, String path, OutputStream out) throws ConnectionException, IOException {
        try (sftp; RemoteFile f = sftp.open(path);
             InputStream in = f.new ReadAheadRemoteFileInputStream(16)) {
            in.transferTo(out);
        } catch (SFTPException e) {
            throw new IOException("cannot read " + path + " on " + host + ": " + e.getMessage(), e);
        } catch (IOException e) {
            if (Failures.rootOf(e) instanceof net.schmizz.sshj.common.SSHException) {
                throw Failures.dropped(host, "while downloading " + path, false, e);
            }
            throw e;
        }
    }

    private void removeQuietly(String tmp) {
        try {
            shell("rm -f -- \"$1\"", tmp, "", "");
        } catch (ConnectionException | IOException e) {
            // the connection is gone: the temporary file stays, harmless and named as ours
        }
    }

    private CommandResult shell(String script, String a, String b, String c) throws ConnectionException, IOException {
        try {
            return runner.run(CommandRequest.of(Command.Argv.of("/bin/sh", "-c", script, "sh", a, b, c)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
