package dev.runbook.modules.files;

/**
 * What the probe saw at one path.
 *
 * @param lstat      the path itself (a link stays a link), null when nothing is there
 * @param linkTarget what a symbolic link points to, as written in the link, or null
 * @param stat       the path with links followed; null when absent or a dangling link
 * @param checksum   the content checksum of a (followed) regular file when asked for, or null
 */
public record RemoteFile(String path, Stat lstat, String linkTarget, Stat stat, String checksum) {

    public static RemoteFile absent(String path) {
        return new RemoteFile(path, null, null, null, null);
    }

    public boolean exists() {
        return lstat != null;
    }

    public boolean isLink() {
        return lstat != null && lstat.type() == Stat.Type.LINK;
    }

    /** The stat that attribute changes act on: followed when {@code follow}, else the path itself. */
    public Stat effective(boolean follow) {
        return follow && isLink() ? stat : lstat;
    }

    /** A regular file, after following links. */
    public boolean isFile() {
        return stat != null && stat.isFile();
    }

    public boolean isDir() {
        return stat != null && stat.isDir();
    }

    /** "a directory", "a link", "absent": for messages. */
    public String describe() {
        return lstat == null ? "absent" : "a " + lstat.type().word();
    }
}
