package dev.runbook.exec;

import dev.runbook.connection.Connection;

/**
 * Privilege escalation for one task, resolved from task, step and host variables. Wraps the
 * host's connection so commands and uploads run as {@code user} via sudo.
 */
record BecomeSpec(boolean enabled, String user, String password, BecomeWrapper wrapper) {
    static final BecomeSpec NONE = new BecomeSpec(false, null, null, null);

    /** Builds the escalating connection (transport-specific code lives in connection/). */
    interface BecomeWrapper {
        Connection wrap(Connection inner, String user, String password);
    }

    Connection wrap(Connection inner) {
        if (!enabled) {
            return inner;
        }
        return wrapper.wrap(inner, user == null ? "root" : user, password);
    }

    @Override
    public String toString() {
        return "BecomeSpec[enabled=" + enabled + ", user=" + user + "]"; // never the password
    }
}
