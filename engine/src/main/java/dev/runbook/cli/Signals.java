package dev.runbook.cli;

import dev.runbook.exec.RunControl;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM during a run: the first stops starting new tasks (run: always steps still
 * run), the second aborts them too. Outside a run the JVM's defaults apply.
 */
final class Signals {
    private static SignalHandler previousInt;
    private static SignalHandler previousTerm;

    private Signals() {
    }

    static synchronized void install(RunControl control) {
        SignalHandler h = sig -> {
            System.err.println(control.stopRequested()
                    ? "\nrunbook: aborting running tasks"
                    : "\nrunbook: stopping — no new tasks start; run: always steps still run (again to abort them)");
            control.signal();
        };
        try {
            previousInt = Signal.handle(new Signal("INT"), h);
            previousTerm = Signal.handle(new Signal("TERM"), h);
        } catch (IllegalArgumentException e) {
            // a platform without these signals: runs just cannot be stopped gracefully
        }
    }

    static synchronized void uninstall() {
        try {
            if (previousInt != null) {
                Signal.handle(new Signal("INT"), previousInt);
            }
            if (previousTerm != null) {
                Signal.handle(new Signal("TERM"), previousTerm);
            }
        } catch (IllegalArgumentException e) {
            // see install
        }
        previousInt = null;
        previousTerm = null;
    }
}
