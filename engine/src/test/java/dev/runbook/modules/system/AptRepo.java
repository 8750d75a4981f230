package dev.runbook.modules.system;

import dev.runbook.testing.DebianPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian package database that is not the machine's: tiny .deb packages built with
 * dpkg-deb, a flat repository indexed by dpkg-scanpackages, and an alternate root holding apt's
 * and dpkg's state. Nothing here touches the machine's own packages.
 */
final class AptRepo {
    final Path repo;
    final Path root;
    private final Path build;

    AptRepo(Path dir) throws IOException {
        DebianPackages.ensure("/usr/bin/dpkg-scanpackages", "dpkg-dev");
        repo = Files.createDirectories(dir.resolve("repo"));
        root = dir.resolve("root");
        build = Files.createDirectories(dir.resolve("build"));
        for (String d : List.of("var/lib/dpkg/updates", "var/lib/dpkg/info", "var/lib/apt/lists/partial",
                "var/cache/apt/archives/partial", "var/log/apt", "etc/apt/apt.conf.d", "etc/apt/preferences.d",
                "etc/apt/sources.list.d", "var/run")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.writeString(root.resolve("var/lib/dpkg/status"), "");
        Files.writeString(root.resolve("var/lib/dpkg/available"), "");
        Files.writeString(root.resolve("etc/apt/sources.list"), "deb [trusted=yes] file:" + repo + " ./\n");
        index();
    }

    /** Builds NAME_VERSION_all.deb (installing /usr/share/rbtest/NAME holding the version) and re-indexes. */
    AptRepo add(String name, String version, String depends) throws IOException {
        Path pkg = build.resolve(name + "_" + version);
        Files.createDirectories(pkg.resolve("DEBIAN"));
        Files.createDirectories(pkg.resolve("usr/share/rbtest"));
        String control = "Package: " + name + "\nVersion: " + version + "\nArchitecture: all\n"
                + "Maintainer: Runbook Tests <tests@localhost>\n"
                + (depends == null ? "" : "Depends: " + depends + "\n")
                + "Description: runbook package test fixture\n";
        Files.writeString(pkg.resolve("DEBIAN/control"), control);
        Files.writeString(pkg.resolve("usr/share/rbtest/" + name), version + "\n");
        run(List.of("dpkg-deb", "--build", "--root-owner-group", pkg.toString(),
                repo.resolve(name + "_" + version + "_all.deb").toString()), build);
        index();
        return this;
    }

    private void index() throws IOException {
        String packages = run(List.of("dpkg-scanpackages", "--multiversion", ".", "/dev/null"), repo);
        Files.writeString(repo.resolve("Packages"), packages);
    }

    /** The installed version in the alternate root, or null. */
    String installedVersion(String name) throws IOException {
        Path file = root.resolve("usr/share/rbtest/" + name);
        return Files.exists(file) ? Files.readString(file).strip() : null;
    }

    static String run(List<String> argv, Path cwd) throws IOException {
        Process p = new ProcessBuilder(new ArrayList<>(argv)).directory(cwd.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
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
