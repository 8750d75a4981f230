package dev.runbook.modules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Something on a host that a module reads or writes, named so that a plan can tell whether a
 * task's probe reads what an earlier task is predicted to change. Paths overlap by prefix, in
 * both directions ({@code /a/b} overlaps {@code /a} and {@code /a/b/c}, not {@code /a/bc});
 * databases overlap when they are on the same server and have the same name (a resource for a
 * whole server overlaps every database on it); other kinds overlap when their names are equal;
 * {@link #anything()} overlaps everything.
 *
 * @param kind {@code path}, {@code database}, {@code anything}, or a module's own kind ({@code package})
 * @param key  the normalised path, {@code server/database} (no database: the whole server), or a name
 */
public record Resource(String kind, String key) {
    private static final String PATH = "path";
    private static final String DATABASE = "database";
    private static final String ANYTHING = "anything";
    private static final String ENTRY = "entry";
    private static final Resource ALL = new Resource(ANYTHING, "");

    public Resource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
    }

    /** A file or directory and everything under it. */
    public static Resource path(String path) {
        return new Resource(PATH, normalise(path));
    }

    /**
     * A file or directory itself (its existence, type, mode, owner), not what is under it: what
     * {@code file: state=directory} changes. Creating or chmod-ing a directory changes what a read
     * of it or of a directory above it sees, not what a read of a path under it sees (absent
     * before and after an empty directory is made).
     */
    public static Resource entry(String path) {
        return new Resource(ENTRY, normalise(path));
    }

    /**
     * A database on a server as the target reaches it; {@code name} null means every database of
     * that server. No host, localhost and the loopback addresses are one server; a socket is its own.
     */
    public static Resource database(String host, Long port, String socket, String name) {
        String server;
        if (socket != null && !socket.isBlank() && (host == null || isLocal(host))) {
            server = "socket " + normalise(socket);
        } else {
            server = (host == null || isLocal(host) ? "localhost" : host.toLowerCase(Locale.ROOT)) + ":" + (port == null ? 3306 : port);
        }
        return new Resource(DATABASE, server + "/" + (name == null ? "" : name));
    }

    /** A named thing of a module's own kind, e.g. {@code named("package", "nginx")}. */
    public static Resource named(String kind, String name) {
        return new Resource(kind, name);
    }

    /** What a module reads when it cannot say: overlaps every declared change. */
    public static Resource anything() {
        return ALL;
    }

    public boolean overlaps(Resource other) {
        if (kind.equals(ANYTHING) || other.kind.equals(ANYTHING)) {
            return true;
        }
        if (kind.equals(ENTRY) || other.kind.equals(ENTRY)) {
            if (kind.equals(ENTRY) && other.kind.equals(ENTRY)) {
                return under(key, other.key) || under(other.key, key);
            }
            Resource entry = kind.equals(ENTRY) ? this : other;
            Resource path = entry == this ? other : this;
            return path.kind.equals(PATH) && under(entry.key, path.key);
        }
        if (!kind.equals(other.kind)) {
            return false;
        }
        return switch (kind) {
            case PATH -> under(key, other.key) || under(other.key, key);
            case DATABASE -> server().equals(other.server())
                    && (database().isEmpty() || other.database().isEmpty() || database().equals(other.database()));
            default -> key.equals(other.key);
        };
    }

    /** For people: {@code /var/www/shop}, {@code database shop on localhost:3306}, {@code package nginx}. */
    public String describe() {
        return switch (kind) {
            case PATH, ENTRY -> key;
            case DATABASE -> database().isEmpty() ? "database server " + server() : "database " + database() + " on " + server();
            case ANYTHING -> "anything";
            default -> kind + " " + key;
        };
    }

    private String server() {
        return key.substring(0, key.lastIndexOf('/'));
    }

    private String database() {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || prefix.equals("/") && path.startsWith("/") || path.startsWith(prefix + "/");
    }

    private static boolean isLocal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.isBlank() || h.equals("localhost") || h.equals("127.0.0.1") || h.equals("::1");
    }

    /** Collapses repeated slashes, {@code .} and {@code ..}, and drops a trailing slash. */
    static String normalise(String path) {
        boolean absolute = path.startsWith("/");
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/+")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..") && !parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
                parts.remove(parts.size() - 1);
            } else if (!(p.equals("..") && absolute)) {
                parts.add(p);
            }
        }
        String joined = String.join("/", parts);
        return absolute ? "/" + joined : joined.isEmpty() ? "." : joined;
    }
}
