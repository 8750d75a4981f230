package dev.runbook.modules.files;

import dev.runbook.connection.FileAttrs;

/** One change a file module makes on apply, decided from the probes beforehand. */
public sealed interface Action permits Action.Shell, Action.Upload, Action.Backup {

    /** A shell snippet; {@code what} names it in the failure message ("set mode of /etc/x"). */
    record Shell(String script, String what) implements Action {
    }

    /**
     * New content written atomically. With {@code validate} (a command with {@code %s}) it is
     * written beside the target first, checked, and only then renamed over it.
     */
    record Upload(Content data, String path, FileAttrs attrs, String validate) implements Action {
    }

    /** A timestamped copy {@code path.YYYYmmddHHMMSS~} before the content is replaced. */
    record Backup(String path) implements Action {
    }
}
