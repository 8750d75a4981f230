package dev.runbook.modules.archive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each archive entry lands under dest: entry names are normalised, an optional sub-tree is
 * selected and its prefix stripped, and any entry (or link) that would escape dest is refused.
 * Pure, so the rules are tested without a host.
 */
final class ArchiveLayout {
    private final String subdir;

    /** @param subdir the sub-tree to extract ("opencart-4.0.2.3/upload"), or null/blank for all */
    ArchiveLayout(String subdir) {
        String s = subdir == null ? "" : subdir.strip();
        while (s.startsWith("./")) {
            s = s.substring(2);
        }
        this.subdir = String.join("/", components(s));
    }

    /** Thrown for an archive that must not be extracted; the message says which entry and why. */
    static final class UnsafeArchive extends Exception {
        UnsafeArchive(String message) {
            super(message);
        }
    }

    /**
     * The entries as they would be under dest, keyed by their dest-relative path, with parent
     * directories the archive does not list added (mode unknown). Checks every entry first.
     */
    Map<String, TreeEntry> map(List<TreeEntry> entries) throws UnsafeArchive {
        Map<String, TreeEntry> out = new HashMap<>();
        Set<String> tops = new LinkedHashSet<>();
        for (TreeEntry e : entries) {
            String norm = normalise(e.path());
            if (!norm.isEmpty()) {
                tops.add(norm.split("/")[0]);
            }
            String rel = relocate(norm);
            if (rel != null && !rel.isEmpty()) {
                if (e.isLink()) {
                    checkLink(rel, e.link());
                }
                out.put(rel, e.withPath(rel));
            }
        }
        if (out.isEmpty() && !subdir.isEmpty()) {
            throw new UnsafeArchive("subdir '" + subdir + "' is not in the archive; its top-level entries are: "
                    + String.join(", ", tops.stream().limit(10).toList()));
        }
        checkThroughLinks(out);
        addParents(out);
        return out;
    }

    /**
     * Links checked one by one can still escape together: with {@code q -> .} and
     * {@code p -> q/..}, {@code p} is the directory above dest, and an entry {@code p/x} or
     * {@code q/../x} would land there. So every entry's place, and every link's target, is
     * resolved through the archive's own links, as the file system will; what reaches above dest
     * (or loops) is refused.
     */
    private static void checkThroughLinks(Map<String, TreeEntry> out) throws UnsafeArchive {
        if (out.values().stream().noneMatch(TreeEntry::isLink)) {
            return;
        }
        for (TreeEntry e : out.values()) {
            String parent = e.path().contains("/") ? e.path().substring(0, e.path().lastIndexOf('/')) : "";
            if (!inside(parent, out)) {
                throw new UnsafeArchive("archive entry '" + e.path() + "' lies under a link that leads outside dest;"
                        + " refusing to extract it");
            }
            if (e.isLink() && !inside(parent.isEmpty() ? e.link() : parent + "/" + e.link(), out)) {
                throw new UnsafeArchive("archive entry '" + e.path() + "' is a link to '" + e.link()
                        + "', which leads outside dest through the archive's other links; refusing to extract it");
            }
        }
    }

    /** Whether the dest-relative {@code path}, its links followed, stays inside dest. */
    private static boolean inside(String path, Map<String, TreeEntry> entries) {
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(path.split("/")));
        List<String> at = new ArrayList<>();
        int hops = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (at.isEmpty()) {
                    return false;
                }
                at.remove(at.size() - 1);
                continue;
            }
            at.add(c);
            TreeEntry e = entries.get(String.join("/", at));
            if (e != null && e.isLink()) {
                if (++hops > 40 || e.link().startsWith("/")) {
                    return false; // a loop, as the kernel's ELOOP, or an absolute target
                }
                at.remove(at.size() - 1);
                List<String> target = List.of(e.link().split("/"));
                for (int i = target.size() - 1; i >= 0; i--) {
                    todo.addFirst(target.get(i));
                }
            }
        }
        return true;
    }

    /** The dest-relative path of an entry name, or null when it lies outside the selected sub-tree. */
    String target(String name) throws UnsafeArchive {
        return relocate(normalise(name));
    }

    private String relocate(String norm) {
        if (subdir.isEmpty()) {
            return norm;
        }
        if (norm.equals(subdir)) {
            return "";
        }
        return norm.startsWith(subdir + "/") ? norm.substring(subdir.length() + 1) : null;
    }

    static String normalise(String name) throws UnsafeArchive {
        if (name.indexOf('\0') >= 0) {
            throw new UnsafeArchive("archive entry '" + name.replace('\0', '?') + "' has a NUL character in its name;"
                    + " refusing to extract it");
        }
        if (name.startsWith("/") || name.matches("[A-Za-z]:[\\\\/].*")) {
            throw new UnsafeArchive("archive entry '" + name + "' has an absolute path; refusing to extract an archive "
                    + "that writes outside dest");
        }
        List<String> parts = components(name.replace('\\', '/'));
        if (parts.contains("..")) {
            throw new UnsafeArchive("archive entry '" + name + "' climbs out of dest with '..'; refusing to extract "
                    + "an archive that writes outside dest");
        }
        return String.join("/", parts);
    }

    /** A link may point anywhere inside dest, but not above it nor to an absolute path. */
    private static void checkLink(String entry, String target) throws UnsafeArchive {
        if (target.indexOf('\0') >= 0) {
            // the file system would cut the target at the NUL: "..\0" would become ".."
            throw new UnsafeArchive("archive entry '" + entry + "' is a link whose target has a NUL character;"
                    + " refusing to extract it");
        }
        if (target.startsWith("/")) {
            throw new UnsafeArchive("archive entry '" + entry + "' is a link to the absolute path '" + target
                    + "'; refusing to extract an archive that reaches outside dest");
        }
        int depth = entry.split("/").length - 1;
        for (String c : target.split("/")) {
            depth += c.equals("..") ? -1 : c.isEmpty() || c.equals(".") ? 0 : 1;
            if (depth < 0) {
                throw new UnsafeArchive("archive entry '" + entry + "' is a link to '" + target
                        + "', outside dest; refusing to extract it");
            }
        }
    }

    private static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String c : path.split("/")) {
            if (!c.isEmpty() && !c.equals(".")) {
                out.add(c);
            }
        }
        return out;
    }

    private static void addParents(Map<String, TreeEntry> out) {
        for (String p : new ArrayList<>(out.keySet())) {
            for (int i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) {
                out.putIfAbsent(p.substring(0, i), new TreeEntry(p.substring(0, i), 'd', -1, 0, -1, null, null, null, null));
            }
        }
    }
}
