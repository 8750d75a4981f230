package dev.runbook.connection;

/**
 * Attributes for a file written to a host. {@code mode} is the permission bits (e.g. 0644 octal)
 * or -1 to keep the default; owner and group may be null.
 */
public record FileAttrs(int mode, String owner, String group) {
    public static final FileAttrs DEFAULT = new FileAttrs(-1, null, null);

    public static FileAttrs mode(int mode) {
        return new FileAttrs(mode, null, null);
    }
}
