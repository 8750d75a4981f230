package dev.runbook.modules.archive;

/**
 * One entry of a directory tree (on a target, on the controller, or inside an archive).
 *
 * @param path   relative to the tree's root, '/'-separated, no leading "./"
 * @param type   'f' regular file, 'd' directory, 'l' symbolic link, other letters as find's %y
 * @param mode   permission bits (with setuid/setgid/sticky), or -1 when unknown (zip without Unix attributes)
 * @param mtime  seconds since the epoch, or -1 when unknown
 * @param sha256 hex digest of a regular file's content, or null when not hashed
 * @param link   a symbolic link's target, or null
 * @param owner  owner name, or null when unknown
 * @param group  group name, or null when unknown
 */
public record TreeEntry(String path, char type, int mode, long size, long mtime, String sha256, String link,
                        String owner, String group) {

    public boolean isFile() {
        return type == 'f';
    }

    public boolean isDir() {
        return type == 'd';
    }

    public boolean isLink() {
        return type == 'l';
    }

    public TreeEntry withPath(String other) {
        return new TreeEntry(other, type, mode, size, mtime, sha256, link, owner, group);
    }

    public TreeEntry withMode(int bits) {
        return new TreeEntry(path, type, bits, size, mtime, sha256, link, owner, group);
    }

    public TreeEntry withSha256(String hex) {
        return new TreeEntry(path, type, mode, size, mtime, hex, link, owner, group);
    }
}
