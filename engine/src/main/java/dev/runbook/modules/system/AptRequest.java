package dev.runbook.modules.system;

import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.Args;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The apt module's arguments read once: which transactions they ask for, given what is installed
 * right now. Shared by check and apply, so both compute the same transactions from the same probes.
 */
record AptRequest(List<String> names, String state, String upgrade, boolean onlyUpgrade, boolean purge,
                  boolean autoremove, String deb) {

    static AptRequest of(Args args) {
        return new AptRequest(Package.names(args), args.string("state"), upgradeMode(args.string("upgrade")),
                args.bool("only_upgrade"), args.bool("purge"), args.bool("autoremove"), args.string("deb"));
    }

    /** {@code no}, {@code safe} or {@code dist}: Ansible's yes/safe/full/dist (and booleans) read. */
    static String upgradeMode(String value) {
        String v = value == null ? "no" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "yes", "true", "safe", "on", "1" -> "safe";
            case "full", "dist" -> "dist";
            case "no", "false", "off", "0", "" -> "no";
            default -> null;
        };
    }

    boolean downloadsDeb() {
        return deb != null && deb.contains("://");
    }

    /** True when the arguments ask for nothing but a refresh of the lists. */
    boolean refreshOnly() {
        return names.isEmpty() && deb == null && upgrade.equals("no") && !autoremove && !state.equals("fixed");
    }

    /**
     * The transactions, in order: the .deb file, the named packages, the system upgrade, then the
     * removal of dependencies nothing needs any more. {@code debPath} is where the .deb is on the
     * target (the downloaded copy for a URL).
     */
    List<PackageBackend.Op> ops(ModuleContext ctx, AptBackend backend, String debPath)
            throws ModuleException, ConnectionException, InterruptedException {
        List<PackageBackend.Op> ops = new ArrayList<>();
        if (debPath != null) {
            String[] control = backend.debControl(ctx, debPath);
            String have = backend.installed(ctx, List.of(control[0])).get(control[0]);
            if (!control[1].equals(have)) {
                ops.add(new PackageBackend.Op("install", List.of(debPath)));
            }
        }
        if (state.equals("fixed")) {
            // repair broken dependencies, installing the named packages that are missing with it
            Map<String, String> installed = names.isEmpty() ? Map.of()
                    : backend.installed(ctx, names.stream().map(Package::bare).toList());
            ops.add(new PackageBackend.Op("fix", PackageStates.missing(names, installed)));
        } else if (state.equals("build-dep")) {
            if (!names.isEmpty()) {
                ops.add(new PackageBackend.Op("build-dep", names));
            }
        } else if (!names.isEmpty()) {
            Map<String, String> installed = backend.installed(ctx, names.stream().map(Package::bare).toList());
            List<String> wanted = onlyUpgrade
                    ? names.stream().filter(n -> installed.containsKey(Package.bare(n))).toList() : names;
            if (onlyUpgrade && state.equals("latest")) {
                if (!wanted.isEmpty()) {
                    ops.add(new PackageBackend.Op("upgrade", wanted));
                }
            } else if (!wanted.isEmpty()) {
                ops.addAll(PackageStates.ops(state, purge, wanted, installed, backend));
            }
        }
        switch (upgrade) {
            case "safe" -> ops.add(new PackageBackend.Op("upgrade-safe", List.of()));
            case "dist" -> ops.add(new PackageBackend.Op("dist-upgrade", List.of()));
            default -> { }
        }
        if (autoremove) {
            ops.add(new PackageBackend.Op(purge ? "autoremove-purge" : "autoremove", List.of()));
        }
        return ops;
    }
}
