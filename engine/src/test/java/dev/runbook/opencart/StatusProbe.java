package dev.runbook.opencart;

import java.util.ArrayList;
import java.util.List;

/** Polls a shop's storefront in the background and records each distinct status in order. */
final class StatusProbe {
    private final Thread thread;
    private final List<Integer> statuses = new ArrayList<>();
    private volatile boolean running = true;
    private final OpenCartShop shop;

    private StatusProbe(OpenCartShop shop) {
        thread = new Thread(() -> {
            while (running) {
                try {
                    record(shop.get("", null).status());
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
        this.shop = shop;
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
        // The run may end between two polls: what the storefront says now is the last status.
        try {
            record(shop.get("", null).status());
        } catch (Exception e) {
            record(-1);
        }
        synchronized (statuses) {
            return List.copyOf(statuses);
        }
    }

    private void record(int status) {
        synchronized (statuses) {
            if (statuses.isEmpty() || statuses.get(statuses.size() - 1) != status) {
                statuses.add(status);
            }
        }
    }
}
