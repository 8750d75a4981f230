package dev.runbook.modules.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** From wanted state and installed versions to package-manager transactions. Pure. */
final class PackageStates {
    private PackageStates() {
    }

    static List<PackageBackend.Op> ops(String state, boolean purge, List<String> wanted, Map<String, String> installed,
                                       PackageBackend backend) {
        return switch (state) {
            case "absent" -> {
                List<String> present = wanted.stream().map(Package::bare).filter(installed::containsKey).toList();
                yield present.isEmpty() ? List.of() : List.of(new PackageBackend.Op(purge ? "purge" : "remove", present));
            }
            case "latest" -> backend.latest(wanted, installed);
            default -> {
                List<String> missing = missing(wanted, installed);
                yield missing.isEmpty() ? List.of() : List.of(new PackageBackend.Op("install", missing));
            }
        };
    }

    /** Names not installed, and name=version pins installed at another version. */
    static List<String> missing(List<String> wanted, Map<String, String> installed) {
        List<String> out = new ArrayList<>();
        for (String spec : wanted) {
            String name = Package.bare(spec);
            String have = installed.get(name);
            String pin = spec.equals(name) ? null : spec.substring(name.length() + 1);
            if (have == null || pin != null && !pin.equals(have)) {
                out.add(spec);
            }
        }
        return out;
    }
}
