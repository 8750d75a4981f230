package dev.runbook.opencart;

import java.util.ArrayList;
import java.util.List;

/** Polls a shop's storefront in the background and records each distinct status in order. */
final class StatusProbe {
    private final Thread thread;
    private final List<Integer> statuses = new ArrayList<>();
    private volatile boolean running = true;

    private StatusProbe(OpenCartShop shop) {
        thread = new Thread(() -> {
            while (running) {
                try {
                    int status = shop.get("", null).status();
                    synchronized (statuses) {
                        if (statuses.isEmpty() || statuses.get(statuses.size() - 1) != status) {
                            statuses.add(status);
                        }
                    }
                    Thread.sleep(300); // a poll interval
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    synchronized (statuses) {
                        statuses.add(-1);
                    }
                }
            }
        }, "status-probe-" + shop.name);
        thread.setDaemon(true);
    }

    static StatusProbe start(OpenCartShop shop) {
        StatusProbe p = new StatusProbe(shop);
        p.thread.start();
        return p;
    }

    /** Stops polling after one last request; returns the statuses seen, in order, repeats collapsed. */
    List<Integer> stop() throws InterruptedException {
        running = false;
        thread.join(30_000);
        synchronized (statuses) {
            return List.copyOf(statuses);
        }
    }
}
