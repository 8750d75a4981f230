package dev.runbook.modules.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Packs the selected entries of an archive, at their dest-relative paths, into a tar for the
 * target: only what changed travels, whatever the archive's own format was.
 */
final class ArchivePayload {
    private ArchivePayload() {
    }

    /**
     * @param renames   source directories that land under another name
     * @param mapped    the layout's view of the archive, renamed (dest-relative path to entry)
     * @param paths     the dest-relative paths to pack
     * @param fileMode  mode for every file, or -1 to keep the archive's (0644 when it has none)
     */
    static void write(Path archive, ArchiveLayout layout, Renames renames, Map<String, TreeEntry> mapped, Set<String> paths,
                      int fileMode, OutputStream out) throws IOException, ArchiveLayout.UnsafeArchive {
        Set<String> written = new HashSet<>();
        try (TarWriter tar = new TarWriter(out)) {
            for (String p : paths) {
                TreeEntry e = mapped.get(p);
                if (e.isDir() && e.mode() < 0) {
                    tar.dir(p, 0755, System.currentTimeMillis() / 1000);
                    written.add(p);
                }
            }
            UnsafeHolder failure = new UnsafeHolder();
            ArchiveReader.each(archive, (meta, content) -> {
                String inLayout = target(layout, meta.path(), failure);
                String rel = inLayout == null || inLayout.isEmpty() ? null : renames.destination(inLayout);
                if (rel == null || !paths.contains(rel)) {
                    return;
                }
                long mtime = Math.max(0, meta.mtime());
                if (meta.isDir()) {
                    tar.dir(rel, meta.mode() < 0 ? 0755 : meta.mode(), mtime);
                } else if (meta.isLink()) {
                    tar.symlink(rel, meta.link(), mtime);
                } else {
                    int mode = fileMode >= 0 ? fileMode : meta.mode() < 0 ? 0644 : meta.mode();
                    tar.file(rel, mode, mtime, mapped.get(rel).size(), content);
                }
                written.add(rel);
            });
            if (failure.error != null) {
                throw failure.error;
            }
        }
        if (!written.containsAll(paths)) {
            throw new IOException("the archive changed while it was being read");
        }
    }

    private static String target(ArchiveLayout layout, String name, UnsafeHolder failure) {
        try {
            return layout.target(name);
        } catch (ArchiveLayout.UnsafeArchive e) {
            failure.error = e;
            return null;
        }
    }

    /** The visitor interface only throws IOException; an unsafe entry is carried out here. */
    private static final class UnsafeHolder {
        ArchiveLayout.UnsafeArchive error;
    }
}
