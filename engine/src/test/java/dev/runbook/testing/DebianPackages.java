package dev.runbook.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs the Debian packages an end-to-end test needs when they are missing, so a fresh
 * machine runs every test (CI never skips one). Needs root, as on CI.
 */
public final class DebianPackages {
    private static final Object LOCK = new Object();

    private DebianPackages() {
    }

    /** Installs {@code packages} unless {@code binary} already exists. */
    public static void ensure(String binary, String... packages) {
        if (Files.isExecutable(Path.of(binary))) {
            return;
        }
        synchronized (LOCK) {
            if (Files.isExecutable(Path.of(binary))) {
                return;
            }
            run(List.of("apt-get", "update", "-q"));
            List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
            install.addAll(List.of(packages));
            run(install);
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " still missing after installing " + String.join(" ", packages));
            }
        }
    }

    private static void run(List<String> argv) {
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + argv.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
