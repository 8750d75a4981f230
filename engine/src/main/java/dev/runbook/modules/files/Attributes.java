package dev.runbook.modules.files;

import dev.runbook.connection.FileAttrs;
import dev.runbook.connection.ShellQuote;
import dev.runbook.modules.ModuleException;
import java.util.ArrayList;
import java.util.List;

/** Compares wanted mode/owner/group with a stat, and says how to fix the difference. */
public final class Attributes {
    private Attributes() {
    }

    /**
     * The differences ("mode 0600 -> 0644") and the shell commands that remove them.
     *
     * @param follow act on a link's target (chown without -h); false changes the link itself
     */
    public record Fix(List<String> changes, List<String> commands) {
        public Fix {
            changes = List.copyOf(changes);
            commands = List.copyOf(commands);
        }

        public boolean isEmpty() {
            return changes.isEmpty();
        }

        public String script() {
            return String.join(" && ", commands);
        }
    }

    /** Fails with a clear message when the wanted owner or group does not exist on the host. */
    public static void requireIds(Wanted w, Probe p) throws ModuleException {
        if (w.owner() != null && p.ownerId() == null) {
            throw new MissingOnHost("owner '" + w.owner() + "' does not exist on the host (no such user)", "user '" + w.owner() + "'");
        }
        if (w.group() != null && p.groupId() == null) {
            throw new MissingOnHost("group '" + w.group() + "' does not exist on the host (no such group)", "group '" + w.group() + "'");
        }
    }

    public static Fix fix(Wanted w, Stat cur, Probe p, String path, boolean follow) throws ModuleException {
        requireIds(w, p);
        List<String> changes = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        String h = follow ? "" : "-h ";
        String q = ShellQuote.quote(path);
        if (w.owner() != null && p.ownerId() != cur.uid()) {
            changes.add("owner " + cur.user() + " -> " + w.owner());
            commands.add("chown " + h + ShellQuote.quote(w.owner()) + " -- " + q);
        }
        if (w.group() != null && p.groupId() != cur.gid()) {
            changes.add("group " + cur.group() + " -> " + w.group());
            commands.add("chgrp " + h + ShellQuote.quote(w.group()) + " -- " + q);
        }
        // Modes of symbolic links mean nothing on Linux; chmod would change the target instead.
        if (w.mode() != null && cur.type() != Stat.Type.LINK) {
            int mode = Modes.resolve(w.mode(), cur.mode(), cur.isDir(), p.umask());
            if (mode != cur.mode()) {
                changes.add("mode " + Modes.format(cur.mode()) + " -> " + Modes.format(mode));
                commands.add("chmod " + Modes.format(mode) + " -- " + q);
            }
        }
        return new Fix(changes, commands);
    }

    /**
     * Attributes for new content written over {@code cur} (null: a new file): what is wanted,
     * else what the file had, else the umask's default, so an update never loosens a file.
     */
    public static FileAttrs forWrite(Wanted w, Stat cur, int umask) {
        int base = cur != null ? cur.mode() : Modes.created(false, umask);
        int mode = w.mode() == null ? base : Modes.resolve(w.mode(), base, false, umask);
        String owner = w.owner() != null ? w.owner() : cur != null ? cur.ownerArg() : null;
        String group = w.group() != null ? w.group() : cur != null ? cur.groupArg() : null;
        return new FileAttrs(mode, owner, group);
    }
}
