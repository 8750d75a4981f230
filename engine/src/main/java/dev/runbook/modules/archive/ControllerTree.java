package dev.runbook.modules.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** A directory tree on the controller, listed like {@link TreeListing} lists one on a target. */
final class ControllerTree {
    private ControllerTree() {
    }

    static Map<String, TreeEntry> list(Path root, boolean hash) throws IOException {
        Map<String, TreeEntry> out = new HashMap<>();
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.filter(p -> !p.equals(root)).toList();
        }
        for (Path p : all) {
            TreeEntry e = entry(root, p, hash);
            out.put(e.path(), e);
        }
        return out;
    }

    private static TreeEntry entry(Path root, Path p, boolean hash) throws IOException {
        String rel = root.relativize(p).toString().replace('\\', '/');
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        long mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis() / 1000;
        if (Files.isSymbolicLink(p)) {
            return new TreeEntry(rel, 'l', 0777, 0, mtime, null, Files.readSymbolicLink(p).toString(), null, null);
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return new TreeEntry(rel, 'd', mode & 07777, 0, mtime, null, null, null, null);
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return new TreeEntry(rel, 'o', mode & 07777, 0, mtime, null, null, null, null);
        }
        String sha = null;
        if (hash) {
            try (InputStream in = Files.newInputStream(p)) {
                sha = ArchiveReader.sha256(in);
            }
        }
        return new TreeEntry(rel, 'f', mode & 07777, Files.size(p), mtime, sha, null, null, null);
    }

    /** {@code entries} with the sha256 of the listed files filled in. */
    static Map<String, TreeEntry> withHashes(Path root, Map<String, TreeEntry> entries, Collection<String> paths)
            throws IOException {
        Map<String, TreeEntry> out = new HashMap<>(entries);
        for (String rel : paths) {
            try (InputStream in = Files.newInputStream(root.resolve(rel))) {
                out.put(rel, out.get(rel).withSha256(ArchiveReader.sha256(in)));
            }
        }
        return out;
    }

    /**
     * Packs the listed entries into a tar written to {@code out}, each under its listed path and
     * read from {@code root} at {@code source.apply(path)} (which differs for renamed directories).
     */
    static void pack(Path root, Map<String, TreeEntry> entries, Collection<String> paths, UnaryOperator<String> source,
                     OutputStream out) throws IOException {
        try (TarWriter tar = new TarWriter(out)) {
            for (String rel : paths) {
                TreeEntry e = entries.get(rel);
                if (e.isDir()) {
                    tar.dir(rel, e.mode(), e.mtime());
                } else if (e.isLink()) {
                    tar.symlink(rel, e.link(), e.mtime());
                } else {
                    try (InputStream in = Files.newInputStream(root.resolve(source.apply(rel)))) {
                        tar.file(rel, e.mode(), e.mtime(), e.size(), in);
                    }
                }
            }
        }
    }
}
