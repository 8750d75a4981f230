package dev.runbook.modules.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parsers of what package managers print, so check mode can say exactly which packages
 * would change. Tested on recorded output; no host needed.
 */
public final class PackageOutput {
    /** {@code Inst name [old] (new origin [arch])}; the [old] part only on upgrades. */
    private static final Pattern APT_INST = Pattern.compile("^Inst (\\S+)(?: \\[([^\\]]*)])? \\((\\S+)");
    /** {@code Remv name [old]} and {@code Purg name [old]}. */
    private static final Pattern APT_REMV = Pattern.compile("^(?:Remv|Purg) (\\S+)(?: \\[([^\\]]*)])?");

    private PackageOutput() {
    }

    /** Parses {@code apt-get -s} output: Inst and Remv/Purg lines (Conf lines repeat Inst). */
    public static List<PackageChange> apt(String output) {
        List<PackageChange> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher m = APT_INST.matcher(line);
            if (m.find()) {
                String from = m.group(2);
                out.add(new PackageChange(m.group(1), from == null ? "install" : "upgrade", from, m.group(3)));
                continue;
            }
            m = APT_REMV.matcher(line);
            if (m.find()) {
                out.add(new PackageChange(m.group(1), "remove", m.group(2), null));
            }
        }
        return out;
    }

    /**
     * Parses the transaction table that {@code dnf --assumeno} / {@code yum --assumeno} print
     * (dnf 4, dnf 5 and yum share its shape): section headers such as "Installing:" or
     * "Removing unused dependencies:", then one indented row per package (name, arch, version,
     * repository, size). A name too long for its column wraps the rest of its row to the next line.
     */
    public static List<PackageChange> dnf(String output, Map<String, String> installed) {
        List<PackageChange> out = new ArrayList<>();
        String action = null;
        String pending = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("Transaction Summary")) {
                break;
            }
            if (!line.startsWith(" ")) {
                action = line.endsWith(":") ? section(line) : null;
                pending = null;
                continue;
            }
            String row = line.trim();
            if (action == null || row.isEmpty() || row.startsWith("replacing ")) {
                continue;
            }
            if (pending != null) {
                row = pending + " " + row;
                pending = null;
            }
            String[] cols = row.split("\\s+");
            if (cols.length == 1) {
                pending = cols[0];
                continue;
            }
            String name = cols[0];
            String version = cols.length > 2 ? cols[2] : null;
            out.add(new PackageChange(name, action, installed.get(name), action.equals("remove") ? null : version));
        }
        return out;
    }

    /** The action a table section header stands for, or null for sections that are not changes. */
    static String section(String header) {
        String h = header.toLowerCase();
        if (h.startsWith("install")) {
            return "install";
        }
        if (h.startsWith("upgrad") || h.startsWith("updat")) {
            return "upgrade";
        }
        if (h.startsWith("remov") || h.startsWith("eras")) {
            return "remove";
        }
        if (h.startsWith("downgrad")) {
            return "downgrade";
        }
        if (h.startsWith("reinstall")) {
            return "reinstall";
        }
        return null;
    }

    /**
     * Package names from {@code dnf versionlock list}: one NEVRA pattern a line
     * ({@code nginx-1:1.20.1-1.el9.*}, {@code curl-7.76.1-26.el9}); other lines are notices.
     */
    public static List<String> versionlocks(String output) {
        List<String> out = new ArrayList<>();
        Pattern nevra = Pattern.compile("^(?:!)?([A-Za-z0-9_.+-]+?)-(?:\\d+:)?[^-\\s]+-[^-\\s]+$");
        for (String line : output.split("\n")) {
            Matcher m = nevra.matcher(line.strip());
            if (m.matches() && !out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** Installed versions from {@code name<TAB>version<TAB>status} lines (dpkg-query / rpm -q). */
    public static Map<String, String> installed(String output) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String[] f = line.split("\t");
            // dpkg's status abbreviation, second letter: n = not installed, c = only config files left;
            // every other state (installed, half-configured, unpacked...) has the package's files on disk
            boolean ok = f.length == 2 || f.length >= 3 && f[2].length() >= 2 && "nc".indexOf(f[2].charAt(1)) < 0;
            if (f.length >= 2 && ok && !f[0].isBlank()) {
                m.put(f[0].trim(), f[1].trim());
            }
        }
        return m;
    }
}
