package dev.runbook.modules.system;

import java.util.ArrayList;
import java.util.List;

/**
 * apt-get options beyond the verb, shared by simulation and the real transaction so the plan
 * predicts exactly what apply does.
 *
 * @param installRecommends true / false, or null to keep apt's configuration
 * @param defaultRelease    {@code -t RELEASE}, or null
 * @param origins           apt pin expressions of the releases new versions may come from
 *                          ({@code a=*-security}, {@code o=Debian,l=Debian-Security}, {@code origin
 *                          host}); empty: every release, as apt's own policy says
 * @param dpkgOptions       dpkg options without their dashes ({@code force-confdef})
 * @param allow             --allow-downgrades, --allow-unauthenticated, --allow-change-held-packages
 *                          by name ({@code downgrades}, {@code unauthenticated}, {@code change-held-packages})
 * @param noRemove          --no-remove: fail rather than remove a package
 */
record AptOptions(Boolean installRecommends, String defaultRelease, List<String> origins, List<String> dpkgOptions,
                  List<String> allow, boolean noRemove) {
    static final AptOptions DEFAULT = new AptOptions(null, null, List.of(), List.of("force-confdef", "force-confold"), List.of(), false);

    AptOptions {
        origins = List.copyOf(origins);
        dpkgOptions = List.copyOf(dpkgOptions);
        allow = List.copyOf(allow);
    }

    /** Options for every apt-get call (simulation and real). */
    List<String> common() {
        List<String> argv = new ArrayList<>();
        if (installRecommends != null) {
            argv.addAll(List.of("-o", "APT::Install-Recommends=" + (installRecommends ? "true" : "false")));
        }
        if (defaultRelease != null && !defaultRelease.isBlank()) {
            argv.addAll(List.of("-t", defaultRelease));
        }
        for (String a : allow) {
            argv.add("--allow-" + a);
        }
        if (noRemove) {
            argv.add("--no-remove");
        }
        return argv;
    }

    /** Options for the real transaction only. */
    List<String> dpkg() {
        List<String> argv = new ArrayList<>();
        for (String o : dpkgOptions) {
            argv.addAll(List.of("-o", "Dpkg::Options::=--" + o.replaceFirst("^-+", "")));
        }
        return argv;
    }

    /**
     * The apt preferences that restrict new versions to {@link #origins}: matching releases at
     * priority 500, the installed versions at 100, every other release at 1. A version from
     * another release then never replaces an installed one, while a package that is not
     * installed yet (a new dependency of an update) may still come from anywhere. The first
     * matching record wins, so the order below is the meaning. Null without origins.
     */
    String preferences() {
        if (origins.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String o : origins) {
            sb.append(record(pin(o), 500));
        }
        sb.append(record("release a=now", 100));
        sb.append(record("release *", 1));
        return sb.toString();
    }

    private static String record(String pin, int priority) {
        return "Package: *\nPin: " + pin + "\nPin-Priority: " + priority + "\n\n";
    }

    /** {@code a=*-security} is a release pin; {@code origin host} and {@code release ...} are taken as written. */
    static String pin(String expression) {
        String e = expression.strip();
        return e.startsWith("origin ") || e.startsWith("release ") ? e : "release " + e;
    }

    /** Problems with origin expressions (they are written into an apt preferences file). */
    static List<String> problems(List<String> origins) {
        List<String> out = new ArrayList<>();
        for (String o : origins) {
            if (o.isBlank() || o.contains("\n") || o.contains("\r")) {
                out.add("origins entries must be one-line apt pin expressions such as 'a=*-security' or "
                        + "'o=Debian,l=Debian-Security', not '" + o.replace("\n", "\\n") + "'");
            }
        }
        return out;
    }
}
