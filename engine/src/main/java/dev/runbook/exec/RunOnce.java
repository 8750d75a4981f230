package dev.runbook.exec;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * {@code run_once} steps within one batch: the first host that gets to run the step runs it, the
 * others wait and take its result and registered values.
 */
final class RunOnce {
    record Done(StepResult result, Map<String, Object> registered) {
    }

    record Claim(String owner, boolean mine, CompletableFuture<Done> future) {
        Done await() throws InterruptedException {
            try {
                return future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private record Entry(String owner, CompletableFuture<Done> future) {
    }

    private final Map<String, Entry> steps = new ConcurrentHashMap<>();

    Claim claim(String step, String host) {
        Entry e = steps.computeIfAbsent(step, s -> new Entry(host, new CompletableFuture<>()));
        return new Claim(e.owner(), e.owner().equals(host), e.future());
    }

    void publish(String step, StepResult result, Map<String, Object> registered) {
        steps.get(step).future().complete(new Done(result, Map.copyOf(registered)));
    }
}
