package dev.runbook.modules.system;

import dev.runbook.testing.DebianPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real rpm database that is not the machine's: tiny noarch packages built with rpmbuild, a
 * local repository indexed by createrepo_c, and an install root whose repository configuration
 * dnf reads instead of the host's.
 */
final class RpmRepo {
    final Path repo;
    final Path root;
    private final Path build;

    RpmRepo(Path dir) throws IOException {
        DebianPackages.ensure("/usr/bin/dnf", "dnf");
        DebianPackages.ensure("/usr/bin/rpmbuild", "rpm");
        DebianPackages.ensure("/usr/bin/createrepo_c", "createrepo-c");
        repo = Files.createDirectories(dir.resolve("repo"));
        root = dir.resolve("root");
        build = Files.createDirectories(dir.resolve("build"));
        Files.createDirectories(root.resolve("etc/yum.repos.d"));
        Files.writeString(root.resolve("etc/yum.repos.d/rbtest.repo"),
                "[rbtest]\nname=rbtest\nbaseurl=file://" + repo + "\ngpgcheck=0\nenabled=1\n");
        index();
    }

    /** Builds NAME-VERSION-1.noarch.rpm (installing /usr/share/rbtest/NAME holding the version) and re-indexes. */
    RpmRepo add(String name, String version, String requires) throws IOException {
        Path spec = build.resolve(name + "-" + version + ".spec");
        Files.writeString(spec, "Name: " + name + "\nVersion: " + version + "\nRelease: 1\nSummary: runbook test fixture\n"
                + "License: MIT\nBuildArch: noarch\n" + (requires == null ? "" : "Requires: " + requires + "\n")
                + "%description\nrunbook package test fixture\n"
                + "%install\nmkdir -p %{buildroot}/usr/share/rbtest\necho " + version + " > %{buildroot}/usr/share/rbtest/" + name + "\n"
                + "%files\n/usr/share/rbtest/" + name + "\n");
        AptRepo.run(List.of("rpmbuild", "-bb", "--define", "_topdir " + build.resolve("top"), "--define", "_rpmdir " + repo,
                spec.toString()), build);
        index();
        return this;
    }

    private void index() throws IOException {
        AptRepo.run(List.of("createrepo_c", "-q", "--update", repo.toString()), repo);
    }

    String installedVersion(String name) throws IOException {
        Path file = root.resolve("usr/share/rbtest/" + name);
        return Files.exists(file) ? Files.readString(file).strip() : null;
    }
}
