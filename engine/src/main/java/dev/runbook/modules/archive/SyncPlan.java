package dev.runbook.modules.archive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a sync (or an overlay of archive entries) would do: a pure computation from two listings,
 * so a plan shows exactly the paths apply will touch.
 *
 * @param add      paths missing at the destination, parents first
 * @param update   paths whose content, type, mode, link target or owner differ, parents first
 * @param remove   destination paths absent from the source (only with delete), children first
 * @param retype   the part of {@code update} whose type changes (removed before copying)
 * @param notCopied source paths not copied because an exclude pattern matched them (or the
 *                  destination directory they would replace holds a kept path)
 * @param kept      destination paths left exactly as they are because an exclude pattern matched
 *                  them, plus directories that would have been removed or replaced but hold one
 */
public record SyncPlan(List<String> add, List<String> update, List<String> remove, List<String> retype, int notCopied,
                       int kept) {
    public SyncPlan {
        add = List.copyOf(add);
        update = List.copyOf(update);
        remove = List.copyOf(remove);
        retype = List.copyOf(retype);
    }

    /**
     * How entries are compared.
     *
     * @param delete   remove destination entries the source lacks
     * @param checksum compare file content by sha256; otherwise by size and mtime (rsync's default)
     * @param owner    when not null, a destination entry with another owner is updated
     * @param group    when not null, likewise for the group
     */
    public record Options(boolean delete, boolean checksum, String owner, String group) {
        public static Options byChecksum() {
            return new Options(false, true, null, null);
        }
    }

    public static SyncPlan compute(Map<String, TreeEntry> src, Map<String, TreeEntry> dest, PathFilter filter, Options o) {
        List<String> add = new ArrayList<>();
        List<String> update = new ArrayList<>();
        List<String> retype = new ArrayList<>();
        TreeSet<String> skipped = new TreeSet<>();
        for (TreeEntry s : new java.util.TreeMap<>(src).values()) {
            if (!copyable(s)) {
                continue;
            }
            if (filter.excludes(s.path(), s.isDir())) {
                skipped.add(s.path());
                continue;
            }
            TreeEntry d = dest.get(s.path());
            if (d == null) {
                add.add(s.path());
            } else if (d.type() != s.type()) {
                update.add(s.path());
                retype.add(s.path());
            } else if (differs(s, d, o)) {
                update.add(s.path());
            }
        }
        TreeSet<String> kept = kept(dest, filter);
        TreeSet<String> spared = new TreeSet<>();
        // A directory that still holds an excluded entry is neither replaced nor removed.
        for (String p : List.copyOf(retype)) {
            if (dest.get(p).isDir() && holdsAny(kept, p)) {
                retype.remove(p);
                update.remove(p);
                skipped.add(p);
                spared.add(p);
            }
        }
        List<String> remove = removals(src, dest, kept, o, spared);
        spared.addAll(kept);
        return new SyncPlan(add, update, remove, retype, skipped.size(), spared.size());
    }

    /** Destination entries an exclude pattern protects. */
    private static TreeSet<String> kept(Map<String, TreeEntry> dest, PathFilter filter) {
        TreeSet<String> kept = new TreeSet<>();
        for (TreeEntry d : dest.values()) {
            // A link counts as a directory here, so 'storage/' also protects a linked storage directory.
            if (filter.excludes(d.path(), d.isDir() || d.isLink())) {
                kept.add(d.path());
            }
        }
        return kept;
    }

    /** With delete: destination entries the source lacks, children first, sparing kept ones and their parents. */
    private static List<String> removals(Map<String, TreeEntry> src, Map<String, TreeEntry> dest, TreeSet<String> kept,
                                         Options o, TreeSet<String> spared) {
        List<String> remove = new ArrayList<>();
        if (o.delete()) {
            for (TreeEntry d : dest.values()) {
                if (kept.contains(d.path()) || src.containsKey(d.path())) {
                    continue;
                }
                if (d.isDir() && holdsAny(kept, d.path())) {
                    spared.add(d.path());
                } else {
                    remove.add(d.path());
                }
            }
        }
        remove.sort(Comparator.reverseOrder());
        return remove;
    }

    /**
     * Files present on both sides, not excluded, of equal size: the only ones whose checksums the
     * comparison needs (a missing or resized file differs whatever its content).
     */
    public static List<String> hashCandidates(Map<String, TreeEntry> src, Map<String, TreeEntry> dest, PathFilter filter) {
        List<String> out = new ArrayList<>();
        for (TreeEntry s : src.values()) {
            TreeEntry d = dest.get(s.path());
            if (s.isFile() && d != null && d.isFile() && s.size() == d.size() && !filter.excludes(s.path(), false)) {
                out.add(s.path());
            }
        }
        return out;
    }

    /**
     * Destination links standing where the source has a directory. Web roots often link a
     * directory elsewhere (storage, images); replacing such a link with a directory would quietly
     * disconnect that data, so the modules refuse and say how to proceed.
     */
    public static List<String> linksOverDirectories(Map<String, TreeEntry> src, Map<String, TreeEntry> dest,
                                                    PathFilter filter) {
        List<String> out = new ArrayList<>();
        for (TreeEntry s : new java.util.TreeMap<>(src).values()) {
            TreeEntry d = dest.get(s.path());
            if (s.isDir() && d != null && d.isLink() && !filter.excludes(s.path(), true)) {
                out.add(s.path() + " -> " + d.link());
            }
        }
        return out;
    }

    /** The refusal for {@link #linksOverDirectories}, or nothing. */
    public static void refuseLinkReplacement(Map<String, TreeEntry> src, Map<String, TreeEntry> dest, PathFilter filter,
                                             String destName) throws dev.runbook.modules.ModuleException {
        List<String> links = linksOverDirectories(src, dest, filter);
        if (!links.isEmpty()) {
            String first = links.get(0).substring(0, links.get(0).indexOf(" -> "));
            throw new dev.runbook.modules.ModuleException(destName + " has links where the source has directories ("
                    + String.join(", ", links) + "); they are not replaced. Exclude them (e.g. '/" + first
                    + "/') to keep the links, or remove the links first to get plain directories");
        }
    }

    private static boolean copyable(TreeEntry e) {
        return e.isFile() || e.isDir() || e.isLink();
    }

    private static boolean holdsAny(TreeSet<String> kept, String dir) {
        String under = kept.ceiling(dir + "/");
        return under != null && under.startsWith(dir + "/");
    }

    static boolean differs(TreeEntry s, TreeEntry d, Options o) {
        if (s.isLink()) {
            return !s.link().equals(d.link()) || ownerDiffers(d, o);
        }
        if (s.mode() >= 0 && (s.mode() & 07777) != (d.mode() & 07777)) {
            return true;
        }
        if (ownerDiffers(d, o)) {
            return true;
        }
        if (!s.isFile()) {
            return false;
        }
        if (o.checksum() && s.sha256() != null && d.sha256() != null) {
            return !s.sha256().equals(d.sha256());
        }
        return s.size() != d.size() || (!o.checksum() && s.mtime() >= 0 && d.mtime() >= 0 && s.mtime() != d.mtime());
    }

    private static boolean ownerDiffers(TreeEntry d, Options o) {
        return (o.owner() != null && !o.owner().equals(d.owner())) || (o.group() != null && !o.group().equals(d.group()));
    }

    public boolean isEmpty() {
        return add.isEmpty() && update.isEmpty() && remove.isEmpty();
    }

    /** Paths to copy (added and updated), parents before children. */
    public List<String> copies() {
        List<String> all = new ArrayList<>(add);
        all.addAll(update);
        Collections.sort(all);
        return all;
    }

    /** "3 added, 1 updated, 0 removed". */
    public String counts() {
        return add.size() + " added, " + update.size() + " updated, " + remove.size() + " removed";
    }

    /** A diff-like listing: one line per path, '+' added, '~' updated, '-' removed; directories end in '/'. */
    public String listing(Map<String, TreeEntry> src, Map<String, TreeEntry> dest) {
        StringBuilder sb = new StringBuilder();
        TreeSet<String> all = new TreeSet<>(add);
        all.addAll(update);
        all.addAll(remove);
        java.util.Set<String> added = new java.util.HashSet<>(add);
        java.util.Set<String> updated = new java.util.HashSet<>(update);
        for (String p : all) {
            char sign = added.contains(p) ? '+' : updated.contains(p) ? '~' : '-';
            TreeEntry e = sign == '-' ? dest.get(p) : src.get(p);
            sb.append(sign).append(' ').append(p).append(e != null && e.isDir() ? "/" : "").append('\n');
        }
        return sb.toString();
    }
}
