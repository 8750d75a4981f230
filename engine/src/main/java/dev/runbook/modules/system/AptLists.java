package dev.runbook.modules.system;

import dev.runbook.connection.ConnectionException;
import dev.runbook.modules.ModuleContext;
import dev.runbook.modules.ModuleException;
import java.time.Duration;

/** apt-get update for modules outside this package (apt_repository), with apt's retry rule. */
public final class AptLists {
    private AptLists() {
    }

    /**
     * Refreshes the package lists of the host (or of {@code root}), trying {@code tries} times with
     * a pause doubling from 1 s up to {@code maxDelay}.
     */
    public static void update(ModuleContext ctx, String root, long tries, Duration maxDelay)
            throws ModuleException, ConnectionException, InterruptedException {
        AptBackend backend = new AptBackend(root, Duration.ofSeconds(60));
        long pause = 1000;
        for (int i = 1; ; i++) {
            try {
                backend.updateCache(ctx);
                return;
            } catch (ModuleException e) {
                if (i >= Math.max(1, tries)) {
                    throw new ModuleException("Failed to update apt cache: " + e.getMessage());
                }
            }
            Thread.sleep(Math.min(pause, maxDelay.toMillis()));
            pause *= 2;
        }
    }
}
