package dev.runbook.modules;

/**
 * A module could not do its work, for a reason a sysadmin can act on ("no such file: /x",
 * "apt lock held for 120 s"). The message is shown as the task's failure; never a stack trace.
 */
public class ModuleException extends Exception {
    public ModuleException(String message) {
        super(message);
    }

    public ModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
