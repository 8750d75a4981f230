package dev.runbook.cli;

import dev.runbook.connection.Connection;

/** sudo over any transport, for tasks and steps with {@code become: true}. */
final class Become {
    private Become() {
    }

    static Connection wrap(Connection inner, String user, String password) {
        return new dev.runbook.connection.BecomeConnection(inner, user, password);
    }
}
