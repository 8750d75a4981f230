package dev.runbook.e2e;

import dev.runbook.testing.DebianPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A flat apt repository (file:/ inside a target root) of tiny packages built here with dpkg-deb,
 * indexed by dpkg-scanpackages, with a Release file naming its suite, so apt's pins can tell a
 * security suite from the others.
 */
final class DebRepo {
    final Path dir;
    final String suite;
    private final Path build;

    /** {@code dir} is where the repository lives on this machine (inside the target's root). */
    DebRepo(Path dir, String suite, Path build) throws IOException {
        DebianPackages.ensure("/usr/bin/dpkg-scanpackages", "dpkg-dev");
        this.dir = Files.createDirectories(dir);
        this.suite = suite;
        this.build = Files.createDirectories(build);
        index();
    }

    /**
     * Builds NAME_VERSION_all.deb, installing /usr/share/rbtest/NAME (holding the version); with
     * {@code postinst}, that script runs after it is unpacked.
     */
    Path add(String name, String version, String postinst) throws IOException {
        Path deb = build(build, name, version, postinst);
        Files.copy(deb, dir.resolve(deb.getFileName()));
        index();
        return dir.resolve(deb.getFileName());
    }

    static Path build(Path build, String name, String version, String postinst) throws IOException {
        Path pkg = build.resolve(name + "_" + version);
        Files.createDirectories(pkg.resolve("DEBIAN"));
        Files.createDirectories(pkg.resolve("usr/share/rbtest"));
        Files.writeString(pkg.resolve("DEBIAN/control"), "Package: " + name + "\nVersion: " + version + "\nArchitecture: all\n"
                + "Maintainer: Runbook Tests <tests@localhost>\nDescription: runbook system update test fixture\n");
        if (postinst != null) {
            Path script = pkg.resolve("DEBIAN/postinst");
            Files.writeString(script, "#!/bin/sh\nset -e\n" + postinst + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(pkg.resolve("usr/share/rbtest/" + name), version + "\n");
        Path deb = build.resolve(name + "_" + version + "_all.deb");
        run(List.of("dpkg-deb", "--build", "--root-owner-group", pkg.toString(), deb.toString()), build);
        return deb;
    }

    private void index() throws IOException {
        String packages = run(List.of("dpkg-scanpackages", "--multiversion", ".", "/dev/null"), dir);
        Files.writeString(dir.resolve("Packages"), packages);
        byte[] bytes = Files.readAllBytes(dir.resolve("Packages"));
        Files.writeString(dir.resolve("Release"), "Origin: Runbook Tests\nLabel: Runbook Tests " + suite + "\nSuite: " + suite
                + "\nCodename: " + suite + "\nArchitectures: all amd64\nDate: Thu, 01 Jan 2026 00:00:00 UTC\nSHA256:\n "
                + sha256(bytes) + " " + bytes.length + " Packages\n");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String run(List<String> argv, Path cwd) throws IOException {
        Process p = new ProcessBuilder(argv).directory(cwd.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", argv) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
