package dev.runbook.connection.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Small local helpers for the OpenSSH tests: ownership and ssh-keygen fingerprints. */
final class OpenSshHostsAccess {
    private OpenSshHostsAccess() {
    }

    static void chown(Path p, String user) throws IOException {
        var lookup = p.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(p, lookup.lookupPrincipalByName(user));
    }

    /** The SHA256:... fingerprint as ssh-keygen -l prints it. */
    static String fingerprint(Path pub) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", pub.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("ssh-keygen -l failed: " + out);
        }
        return out.split("\\s+")[1];
    }
}
