package dev.runbook.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Throwaway local users for SSH tests. Their shell is bash with empty rc files (a heavy rc adds
 * to every command's time); their password field is never left locked ('!'), since OpenSSH
 * without PAM refuses even key logins for locked accounts.
 */
final class Users {
    private Users() {
    }

    /** Creates {@code name} if missing; sets its password (null: '*', key login only). */
    static void ensure(String name, String password) throws IOException {
        synchronized (Users.class) {
            if (!exists(name)) {
                OpenSshHosts.exec(null, "useradd", "-m", "-s", "/bin/bash", name);
            }
            if (password == null) {
                OpenSshHosts.exec(null, "usermod", "-p", "*", name);
            } else {
                OpenSshHosts.exec(name + ":" + password + "\n", "chpasswd"); // stdin: never in argv
            }
            Path home = Path.of("/home", name);
            for (String rc : new String[] {".bashrc", ".profile", ".bash_logout"}) {
                Files.writeString(home.resolve(rc), "");
            }
            Files.writeString(home.resolve(".hushlogin"), "");
        }
    }

    /** A sudoers drop-in: USER without password, PASSWORD_USER with one. Validated by visudo. */
    static Path sudoers(String suffix) throws IOException {
        Path file = Path.of("/etc/sudoers.d", "runbook-test-" + suffix);
        Path draft = Files.createTempFile("sudoers", ".tmp");
        Files.writeString(draft, OpenSshHosts.USER + " ALL=(ALL) NOPASSWD: ALL\n"
                + OpenSshHosts.PASSWORD_USER + " ALL=(ALL) ALL\n");
        OpenSshHosts.exec(null, "visudo", "-c", "-q", "-f", draft.toString());
        Files.move(draft, file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
        return file;
    }

    private static boolean exists(String name) {
        try {
            OpenSshHosts.exec(null, "id", "-u", name);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
