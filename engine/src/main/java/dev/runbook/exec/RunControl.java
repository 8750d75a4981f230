package dev.runbook.exec;

/**
 * How a run is stopped from outside (Ctrl-C, SIGTERM). The first stop lets running tasks finish
 * and {@code run: always} steps run, but starts nothing else; a second one aborts everything.
 */
public final class RunControl {
    private volatile boolean stopRequested;
    private volatile boolean aborted;
    private final java.util.List<Runnable> onAbort = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** First signal stops, second aborts. */
    public void signal() {
        if (stopRequested) {
            abort();
        } else {
            requestStop();
        }
    }

    public void requestStop() {
        stopRequested = true;
    }

    public void abort() {
        stopRequested = true;
        aborted = true;
        onAbort.forEach(Runnable::run);
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    public boolean aborted() {
        return aborted;
    }

    void whenAborted(Runnable r) {
        onAbort.add(r);
        if (aborted) {
            r.run();
        }
    }

    /** Sleeps, waking early when the run is aborted. */
    public void sleep(java.time.Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (!aborted) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
        }
    }
}
