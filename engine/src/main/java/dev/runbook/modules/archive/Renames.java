package dev.runbook.modules.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code rename} of sync and unarchive: source sub-directories that land under another name in dest (OpenCart's
 * admin/ in a shop whose admin directory was renamed). A source tree is seen through the renames
 * before it is compared, so the plan, the copies and {@code delete} all speak of destination
 * paths; {@link #source} turns such a path back into the source path to read.
 */
public final class Renames {
    private static final Renames NONE = new Renames(List.of());

    /** One rename: the source directory {@code src} lands at {@code dest}, both relative to their roots. */
    public record Rename(String src, String dest) {
        boolean holdsDest(String path) {
            return path.equals(dest) || path.startsWith(dest + "/");
        }

        boolean holdsSrc(String path) {
            return path.equals(src) || path.startsWith(src + "/");
        }
    }

    private final List<Rename> renames;

    private Renames(List<Rename> renames) {
        this.renames = List.copyOf(renames);
    }

    public static Renames none() {
        return NONE;
    }

    /** Reads the argument: a list of {src, dest} maps. Mistakes are user errors with a clear message. */
    public static Renames of(List<Object> items) {
        List<Rename> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m) || !m.keySet().stream().allMatch(k -> k.equals("src") || k.equals("dest"))
                    || m.get("src") == null || m.get("dest") == null) {
                throw new IllegalArgumentException("each rename is a map with src and dest, such as "
                        + "{src: admin, dest: shop-admin}; got " + item);
            }
            out.add(new Rename(clean("src", String.valueOf(m.get("src"))), clean("dest", String.valueOf(m.get("dest")))));
        }
        for (int i = 0; i < out.size(); i++) {
            for (int j = 0; j < out.size(); j++) {
                Rename a = out.get(i);
                Rename b = out.get(j);
                if (i != j && (a.holdsSrc(b.src()) || a.holdsDest(b.dest()))) {
                    throw new IllegalArgumentException("renames " + a.src() + " -> " + a.dest() + " and " + b.src() + " -> "
                            + b.dest() + " overlap; give each directory one rename");
                }
            }
        }
        // The most specific rename first, so a nested one wins.
        out.sort(Comparator.comparingInt((Rename r) -> r.src().length()).reversed());
        return new Renames(out);
    }

    private static String clean(String field, String path) {
        String p = path.strip();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.startsWith("./")) {
            p = p.substring(2);
        }
        if (p.isEmpty() || p.equals(".") || p.startsWith("/") || List.of(p.split("/")).contains("..")) {
            throw new IllegalArgumentException("rename " + field + " must be a directory relative to the " + field
                    + " root, such as 'admin'; got '" + path + "'");
        }
        return p;
    }

    public boolean isEmpty() {
        return renames.isEmpty();
    }

    public List<Rename> list() {
        return renames;
    }

    /** The rename whose destination holds {@code destPath}, or null. */
    public Rename at(String destPath) {
        for (Rename r : renames) {
            if (r.holdsDest(destPath)) {
                return r;
            }
        }
        return null;
    }

    /** The source path that lands at {@code destPath}. */
    public String source(String destPath) {
        Rename r = at(destPath);
        return r == null ? destPath : r.src() + destPath.substring(r.dest().length());
    }

    /** The destination path of a source path. */
    public String destination(String srcPath) {
        for (Rename r : renames) {
            if (r.holdsSrc(srcPath)) {
                return r.dest() + srcPath.substring(r.src().length());
            }
        }
        return srcPath;
    }

    /**
     * The source tree keyed by destination paths. Refuses a rename whose source is not a
     * directory, whose destination parent the source lacks, or whose destination is taken.
     */
    public Map<String, TreeEntry> apply(Map<String, TreeEntry> src) {
        if (renames.isEmpty()) {
            return src;
        }
        for (Rename r : renames) {
            TreeEntry e = src.get(r.src());
            if (e == null || !e.isDir()) {
                throw new IllegalArgumentException("rename src '" + r.src() + "' is not a directory in the source"
                        + (e == null ? "" : " (it is a " + (e.isLink() ? "link" : "file") + ")"));
            }
        }
        for (Rename r : renames) {
            if (src.containsKey(r.dest()) && renames.stream().noneMatch(o -> o.holdsSrc(r.dest()))) {
                throw new IllegalArgumentException("rename dest '" + r.dest() + "' is a path the source has too; "
                        + "rename to a name the source does not use");
            }
        }
        Map<String, TreeEntry> out = new HashMap<>();
        for (TreeEntry e : src.values()) {
            String to = destination(e.path());
            if (out.put(to, to.equals(e.path()) ? e : e.withPath(to)) != null) {
                throw new IllegalArgumentException("renames " + this + " put two source entries at '" + to + "'");
            }
        }
        for (Rename r : renames) {
            int slash = r.dest().lastIndexOf('/');
            String parent = slash < 0 ? null : r.dest().substring(0, slash);
            if (parent != null && (out.get(parent) == null || !out.get(parent).isDir())) {
                throw new IllegalArgumentException("rename dest '" + r.dest() + "' needs '" + parent + "' to be a directory "
                        + "in the source too");
            }
        }
        return out;
    }

    /** Paths grouped by the rename they fall under (null: none), relative to that rename's dest ("." for itself). */
    public Map<Rename, List<String>> groups(List<String> destPaths) {
        Map<Rename, List<String>> out = new LinkedHashMap<>();
        out.put(null, new ArrayList<>());
        renames.forEach(r -> out.put(r, new ArrayList<>()));
        for (String p : destPaths) {
            Rename r = at(p);
            out.get(r).add(r == null ? p : p.equals(r.dest()) ? "." : p.substring(r.dest().length() + 1));
        }
        return out;
    }

    @Override
    public String toString() {
        return String.join(", ", renames.stream().map(r -> r.src() + " -> " + r.dest()).toList());
    }
}
