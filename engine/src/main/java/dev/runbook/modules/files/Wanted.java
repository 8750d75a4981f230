package dev.runbook.modules.files;

import dev.runbook.modules.Args;

/**
 * The attributes a task asks for; each may be null (keep what is there).
 *
 * @param mode an Integer (octal bits) or a symbolic String
 */
public record Wanted(Object mode, String owner, String group) {
    public static final Wanted NOTHING = new Wanted(null, null, null);

    public static Wanted from(Args args) {
        return new Wanted(args.get("mode"), args.string("owner"), args.string("group"));
    }

    public boolean any() {
        return mode != null || owner != null || group != null;
    }
}
